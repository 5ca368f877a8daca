import { Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { BackgroundWork } from '../common/lifecycle/background-work';
import { ConversationsService } from '../conversations/conversations.service';
import { PresenceService } from '../presence/presence.service';
import { ChatServerRef } from './chat-server.ref';
import { Ack, CHAT_NAMESPACE, ChatNamespace, ChatSocket, ClientEvent, rooms } from './events';
import {
  ConversationRefSchema,
  JoinConversationAck,
  ReauthAck,
  ReauthSchema,
  TypingAck,
} from './realtime.dto';
import { RealtimeDomainEvent, SocketDisconnectedEvent } from './realtime.events';
import { ackError, parsePayload, respond } from './socket-ack';
import { SocketAuthService } from './socket-auth.service';
import { SocketRateLimiter } from './socket-rate-limiter';
import { TypingService } from './typing.service';

/**
 * The `/chat` namespace: connection lifecycle (auth, rooms, presence, token expiry, limits) and the events
 * that belong to the connection itself. Feature events (messages, receipts, reactions) are handled by the
 * features' own gateways on the same namespace.
 */
@WebSocketGateway({ namespace: CHAT_NAMESPACE })
export class ChatGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(ChatGateway.name);

  constructor(
    private readonly serverRef: ChatServerRef,
    private readonly socketAuth: SocketAuthService,
    private readonly limiter: SocketRateLimiter,
    private readonly typing: TypingService,
    private readonly presence: PresenceService,
    private readonly conversations: ConversationsService,
    private readonly background: BackgroundWork,
    private readonly events: EventEmitter2,
  ) {}

  afterInit(namespace: ChatNamespace): void {
    this.serverRef.set(namespace);
    namespace.use((socket, next) => {
      this.socketAuth.authenticate(socket).then(
        () => next(),
        (error: unknown) => {
          const { error: reason } = ackError(error) as { error: { code: string; message: string } };
          next(Object.assign(new Error(reason.message), { data: reason }));
        },
      );
    });
  }

  handleConnection(socket: ChatSocket): void {
    this.socketAuth.scheduleExpiry(socket);
    socket.use((packet, next) => {
      const [event, ...args] = packet as [unknown, ...unknown[]];
      const ack = args.at(-1);
      this.limiter.admit(socket, event).then(
        () => next(),
        (error: unknown) => {
          // Refused events never reach a handler; the ack carries the reason.
          if (typeof ack === 'function') {
            (ack as (answer: unknown) => void)(ackError(error));
          }
        },
      );
    });
  }

  async handleDisconnect(socket: ChatSocket): Promise<void> {
    if (!socket.data.user) {
      return; // refused at the handshake: nothing was recorded
    }
    this.socketAuth.cancelExpiry(socket);
    this.limiter.forget(socket);
    this.typing.socketClosed(socket);
    try {
      await this.background.track(
        this.presence.disconnected(socket.data.user.userId, socket.data.connectionId),
      );
    } catch (error) {
      // The heartbeat stops for this connection, so it still expires from presence within the TTL.
      this.logger.warn(`Presence not updated on disconnect: ${(error as Error).message}`);
    }
    const { userId, sessionId } = socket.data.user;
    this.events.emit(RealtimeDomainEvent.SocketDisconnected, {
      userId,
      sessionId,
      connectionId: socket.data.connectionId,
    } satisfies SocketDisconnectedEvent);
  }

  @SubscribeMessage(ClientEvent.JoinConversation)
  join(
    @ConnectedSocket() socket: ChatSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<JoinConversationAck>> {
    return this.asMember(socket, body, async (conversationId) => {
      await socket.join(rooms.conversation(conversationId));
      return { conversationId };
    });
  }

  @SubscribeMessage(ClientEvent.Typing)
  startTyping(@ConnectedSocket() socket: ChatSocket, @MessageBody() body: unknown): Promise<Ack<TypingAck>> {
    return this.asMember(socket, body, (conversationId) => this.typing.started(socket, conversationId));
  }

  @SubscribeMessage(ClientEvent.StopTyping)
  stopTyping(@ConnectedSocket() socket: ChatSocket, @MessageBody() body: unknown): Promise<Ack<TypingAck>> {
    return this.asMember(socket, body, (conversationId) => this.typing.stopped(socket, conversationId));
  }

  @SubscribeMessage(ClientEvent.Reauth)
  reauth(@ConnectedSocket() socket: ChatSocket, @MessageBody() body: unknown): Promise<Ack<ReauthAck>> {
    return respond(() => this.socketAuth.reauth(socket, parsePayload(ReauthSchema, body).token));
  }

  /** Runs an event about one conversation once the payload is valid and the caller is a member. */
  private asMember<T>(
    socket: ChatSocket,
    body: unknown,
    action: (conversationId: string) => T | Promise<T>,
  ): Promise<Ack<T>> {
    return respond(async () => {
      const { conversationId } = parsePayload(ConversationRefSchema, body);
      await this.conversations.requireMember(conversationId, socket.data.user.userId);
      return action(conversationId);
    });
  }
}
