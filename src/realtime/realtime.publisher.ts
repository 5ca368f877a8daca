import { Injectable, Logger } from '@nestjs/common';
import { ChatServerRef } from './chat-server.ref';
import { ChatNamespace, ServerEvent, ServerEventPayloads, rooms } from './events';

type Broadcast = ReturnType<ChatNamespace['to']>;

/**
 * Socket.IO's `emit` types cannot follow an event name that is a type parameter, so this one cast stands in;
 * the signature pairs the name with its payload (`ServerEventPayloads`) for every caller.
 */
function emit<E extends ServerEvent>(target: Broadcast, event: E, payload: ServerEventPayloads[E]): void {
  target.emit(event, ...([payload] as never));
}

/**
 * The one way services send socket events. Rooms are per user, session and conversation; with the Redis
 * adapter each call reaches the matching sockets on every instance.
 */
@Injectable()
export class RealtimePublisher {
  private readonly logger = new Logger(RealtimePublisher.name);

  constructor(private readonly server: ChatServerRef) {}

  /** Every socket of these users; `exceptSessionIds` skips the sockets of those sessions (a user's device). */
  toUsers<E extends ServerEvent>(
    userIds: readonly string[],
    event: E,
    payload: ServerEventPayloads[E],
    options: { exceptSessionIds?: readonly string[] } = {},
  ): void {
    const namespace = this.server.get();
    if (namespace && userIds.length > 0) {
      const target = namespace.to(userIds.map(rooms.user));
      const except = options.exceptSessionIds ?? [];
      emit(except.length > 0 ? target.except(except.map(rooms.session)) : target, event, payload);
    }
  }

  /** Every socket of these auth sessions (one device each, e.g. a call participant). */
  toSessions<E extends ServerEvent>(
    sessionIds: readonly string[],
    event: E,
    payload: ServerEventPayloads[E],
  ): void {
    const namespace = this.server.get();
    if (namespace && sessionIds.length > 0) {
      emit(namespace.to(sessionIds.map(rooms.session)), event, payload);
    }
  }

  /** Every socket of every member of the conversation; `exceptUserIds` skips all of those users' sockets. */
  toConversation<E extends ServerEvent>(
    conversationId: string,
    event: E,
    payload: ServerEventPayloads[E],
    options: { exceptUserIds?: readonly string[] } = {},
  ): void {
    const namespace = this.server.get();
    if (!namespace) {
      return;
    }
    const except = options.exceptUserIds ?? [];
    const target = namespace.to(rooms.conversation(conversationId));
    emit(except.length > 0 ? target.except(except.map(rooms.user)) : target, event, payload);
  }

  /**
   * Makes the live sockets of these users, on every instance, members of the conversation's room. This
   * instance's sockets join at once (the adapter would only apply its own request once it came back through
   * Redis, after an event emitted right now); other instances receive the join before any later broadcast,
   * as both travel in order through the same Redis connection.
   */
  async joinConversation(userIds: readonly string[], conversationId: string): Promise<void> {
    await this.whenStarted((namespace) => {
      const users = userIds.map(rooms.user);
      namespace.local.in(users).socketsJoin(rooms.conversation(conversationId));
      namespace.in(users).socketsJoin(rooms.conversation(conversationId));
    });
  }

  async leaveConversation(userIds: readonly string[], conversationId: string): Promise<void> {
    await this.whenStarted((namespace) => {
      const users = userIds.map(rooms.user);
      namespace.local.in(users).socketsLeave(rooms.conversation(conversationId));
      namespace.in(users).socketsLeave(rooms.conversation(conversationId));
    });
  }

  /** Tells the sockets of these sessions why, then closes them on every instance. */
  async disconnectSessions(sessionIds: readonly string[], code: string, message: string): Promise<void> {
    await this.disconnectRooms(sessionIds.map(rooms.session), code, message);
  }

  async disconnectUsers(userIds: readonly string[], code: string, message: string): Promise<void> {
    await this.disconnectRooms(userIds.map(rooms.user), code, message);
  }

  private async disconnectRooms(targets: string[], code: string, message: string): Promise<void> {
    await this.whenStarted((namespace) => {
      namespace.to(targets).emit(ServerEvent.Error, { code, message });
      namespace.local.in(targets).disconnectSockets(true);
      namespace.in(targets).disconnectSockets(true);
    });
  }

  private async whenStarted(
    action: (namespace: NonNullable<ReturnType<ChatServerRef['get']>>) => void | Promise<void>,
  ): Promise<void> {
    const namespace = this.server.get();
    if (!namespace) {
      return;
    }
    try {
      // socketsJoin/disconnectSockets are fire-and-forget broadcasts through the adapter.
      await action(namespace);
    } catch (error) {
      this.logger.warn(`Realtime room operation failed: ${(error as Error).message}`);
    }
  }
}
