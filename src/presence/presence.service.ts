import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { BackgroundWork } from '../common/lifecycle/background-work';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ConversationsService } from '../conversations/conversations.service';
import { ServerEvent, ServerEventPayloads } from '../realtime/events';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { BlocksService } from '../users/blocks/blocks.service';
import { UsersService } from '../users/users.service';
import { ConnectOutcome, PresenceStore } from './presence.store';

// Users of a sweep announced offline together.
const ANNOUNCE_BATCH = 500;

export interface UserPresence {
  userId: string;
  online: boolean;
  /** Null while online, when never seen, or when the user hides it. */
  lastSeenAt: string | null;
}

/**
 * Who is online. This instance records its sockets in Redis, keeps them alive with heartbeats, and sweeps up
 * the users of instances that died; online/offline transitions go only to users who share a conversation.
 */
@Injectable()
export class PresenceService implements OnModuleInit, OnModuleDestroy {
  /** This instance's live connections: connection id -> user id. */
  private readonly local = new Map<string, string>();
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly store: PresenceStore,
    private readonly conversations: ConversationsService,
    private readonly users: UsersService,
    private readonly blocks: BlocksService,
    private readonly publisher: RealtimePublisher,
    private readonly background: BackgroundWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const ttl = this.config.realtime.presenceTtlMs;
    this.every(ttl / 3, () => this.heartbeat());
    this.every(ttl / 2, () => this.sweep());
  }

  onModuleDestroy(): void {
    this.timers.forEach(clearInterval);
  }

  /**
   * Records a socket of a user in these conversations; refuses it (`limit`) when the user already holds the
   * most sockets allowed. The first device's `user_online` goes out in the background, not in the handshake.
   */
  async connected(
    userId: string,
    connectionId: string,
    conversationIds: readonly string[],
  ): Promise<ConnectOutcome> {
    const outcome = await this.store.connect(userId, connectionId, this.config.realtime.presenceTtlMs, {
      maxConnections: this.config.realtime.maxSocketsPerUser,
    });
    if (outcome !== 'limit') {
      this.local.set(connectionId, userId);
    }
    if (outcome === 'online') {
      this.background.run(`Online announcement of ${userId}`, () =>
        this.announce(userId, ServerEvent.UserOnline, { userId }, conversationIds),
      );
    }
    return outcome;
  }

  async disconnected(userId: string, connectionId: string): Promise<void> {
    this.local.delete(connectionId);
    if (await this.store.disconnect(userId, connectionId)) {
      await this.announceOffline([{ userId, lastSeenAt: new Date() }]);
    }
  }

  /**
   * Presence of up to a few hundred users as the viewer may see it, in one Redis round trip (plus one query
   * for privacy settings). Users who share no conversation with the viewer get the answer an unknown id gets
   * (offline, never seen), so presence reveals neither activity nor existence to strangers.
   */
  async presenceOf(viewerId: string, userIds: readonly string[]): Promise<UserPresence[]> {
    const visible = await this.visibleTo(viewerId, userIds);
    const [states, hidden] = await Promise.all([
      this.store.states(visible),
      this.users.lastSeenHidden(visible),
    ]);
    return userIds.map((userId) => {
      const state = states.get(userId);
      const lastSeenAt = state?.lastSeenAt && !hidden.has(userId) ? state.lastSeenAt.toISOString() : null;
      return { userId, online: state?.online ?? false, lastSeenAt };
    });
  }

  onlineUserIds(userIds: readonly string[]): Promise<string[]> {
    return this.store.onlineAmong(userIds);
  }

  /** Sessions of the user that have a live socket on any instance. */
  async connectedSessionIds(userId: string): Promise<string[]> {
    const connections = await this.store.liveConnections(userId);
    return [...new Set(connections.map((connectionId) => connectionId.split(':')[0]))];
  }

  /**
   * The asked users who share a conversation with the viewer (from the member cache) and have not blocked
   * the viewer, and the viewer.
   */
  private async visibleTo(viewerId: string, userIds: readonly string[]): Promise<string[]> {
    const [contacts, { blockedBy }] = await Promise.all([
      this.conversations.sharedContactIds(viewerId, { maxMembers: Number.POSITIVE_INFINITY }),
      this.blocks.relationsOf(viewerId),
    ]);
    const visible = new Set(contacts.filter((userId) => !blockedBy.has(userId)));
    visible.add(viewerId);
    return userIds.filter((userId) => visible.has(userId));
  }

  /** Together: one privacy query for all, and their contacts' member-cache loads share batched reads. */
  private async announceOffline(users: ReadonlyArray<{ userId: string; lastSeenAt: Date }>): Promise<void> {
    const hidden = await this.users.lastSeenHidden(users.map(({ userId }) => userId));
    await Promise.all(
      users.map(({ userId, lastSeenAt }) =>
        this.announce(userId, ServerEvent.UserOffline, {
          userId,
          lastSeenAt: hidden.has(userId) ? null : lastSeenAt.toISOString(),
        }),
      ),
    );
  }

  private async announce<E extends ServerEvent.UserOnline | ServerEvent.UserOffline>(
    userId: string,
    event: E,
    payload: ServerEventPayloads[E],
    conversationIds?: readonly string[],
  ): Promise<void> {
    this.publisher.toUsers(await this.audienceOf(userId, conversationIds), event, payload);
  }

  /**
   * Who is told when the user comes online or goes offline: the members of their direct chats and smaller
   * groups, except users they blocked. Telling every member of a large group would cost members x members
   * sends as they come online (a 1,000-member group: half a million); clients ask `presenceOf` instead.
   */
  private async audienceOf(userId: string, conversationIds?: readonly string[]): Promise<string[]> {
    const [contacts, { blocked }] = await Promise.all([
      this.conversations.sharedContactIds(userId, {
        conversationIds,
        maxMembers: this.config.realtime.presencePushMaxMembers,
      }),
      this.blocks.relationsOf(userId),
    ]);
    return contacts.filter((contactId) => !blocked.has(contactId));
  }

  private async heartbeat(): Promise<void> {
    const connections = [...this.local].map(([connectionId, userId]) => ({ userId, connectionId }));
    await this.store.heartbeat(connections, this.config.realtime.presenceTtlMs);
  }

  private async sweep(): Promise<void> {
    const swept = await this.store.sweep();
    for (let start = 0; start < swept.length; start += ANNOUNCE_BATCH) {
      await this.announceOffline(swept.slice(start, start + ANNOUNCE_BATCH));
    }
  }

  /** Runs a periodic task; a failure (Redis down) is logged and the next tick tries again. */
  private every(intervalMs: number, task: () => Promise<void>): void {
    const timer = setInterval(() => this.background.run('Presence upkeep', task), intervalMs);
    timer.unref();
    this.timers.push(timer);
  }
}
