import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { decodeCursor, encodeCursor } from '../../common/pagination/cursor';
import { ServerEvent } from '../../realtime/events';
import { ConversationsService } from '../../conversations/conversations.service';
import { RealtimePublisher } from '../../realtime/realtime.publisher';
import { MemberRole, NotificationKind, NotificationResponse } from '../../realtime/server-events';
import { BlocksService } from '../../users/blocks/blocks.service';
import { UsersService } from '../../users/users.service';
import { InboxLocks } from './inbox-locks';
import { entryAllowed } from './inbox-policy';
import { InboxPushService } from './inbox-push.service';
import {
  NotificationPage,
  notificationCursorSchema,
  shownActorIds,
  toNotificationResponse,
} from './inbox.dto';
import { InboxError, InboxErrorCode } from './inbox.errors';
import { InboxRepository, NotificationRow } from './inbox.repository';
import { NotificationCreatedEvent, NotificationsDomainEvent } from './notifications.events';

/** What other features hand `deliver`: one event for one recipient. */
export interface NotificationInput {
  /** The recipient. */
  userId: string;
  kind: NotificationKind;
  /** The same key, while the recipient's entry of it is unread, aggregates into that entry. */
  groupKey: string;
  /** One event: the same source twice (a job retry) counts once. */
  sourceId: string;
  /** Null for service notifications. */
  actorId: string | null;
  conversationId?: string;
  messageId?: string;
  emoji?: string;
  role?: MemberRole;
  title?: string;
  body?: string;
  data?: Record<string, unknown>;
}

export interface DeliverOptions {
  /** Web Push to the recipient's devices when they have no socket open and allow pushes. */
  push?: boolean;
  /** Passed on in `notifications.created` for the email digest. */
  email?: boolean;
}

/**
 * An entry stops aggregating at this many events (it stays unread; the next event starts another), so a
 * never-read entry's list of sources stays small.
 */
const MAX_SOURCES_PER_ENTRY = 500;
/** Entries marked read per query of read-all, and queries per call (a backlog beyond is very unlikely). */
const READ_ALL_BATCH = 1000;
const READ_ALL_MAX_BATCHES = 50;

/** The persisted inbox: delivery from every source, the recipient's list, reads and deletes. */
@Injectable()
export class InboxService {
  constructor(
    private readonly repository: InboxRepository,
    private readonly users: UsersService,
    private readonly blocks: BlocksService,
    private readonly conversations: ConversationsService,
    private readonly publisher: RealtimePublisher,
    private readonly locks: InboxLocks,
    private readonly pushes: InboxPushService,
    private readonly events: EventEmitter2,
  ) {}

  /**
   * Stores (or aggregates) the entry, tells the recipient's devices, schedules a Web Push when asked and
   * emits `notifications.created`. Null when suppressed (the actor is the recipient, the recipient blocked
   * the actor, is not a member of the conversation or its level keeps no such entry: see `entryAllowed`) or
   * when the source was delivered before. In a muted conversation the entry is kept quiet: no push.
   */
  async deliver(
    input: NotificationInput,
    options: DeliverOptions = {},
  ): Promise<NotificationResponse | null> {
    const { userId, actorId } = input;
    if (actorId === userId) {
      return null;
    }
    if (actorId !== null && (await this.blocks.relationsOf(actorId)).blockedBy.has(userId)) {
      return null;
    }
    let quiet = false;
    if (input.conversationId !== undefined) {
      const state = (await this.conversations.notificationStates(input.conversationId, [userId])).get(userId);
      if (!state || !entryAllowed(input.kind, state)) {
        return null;
      }
      quiet = state.muted;
    }
    const stored = await this.store(input);
    if (!stored) {
      return null;
    }
    const [notification] = await this.toResponses([stored]);
    const unreadCount = await this.repository.unreadCount(userId);
    this.publisher.toUsers([userId], ServerEvent.Notification, { notification, unreadCount });
    if (options.push && !quiet) {
      await this.pushes.schedule(userId, notification.id, notification.count);
    }
    this.events.emit(NotificationsDomainEvent.Created, {
      userId,
      notificationId: notification.id,
      kind: input.kind,
      ...(options.email ? { escalateByEmail: true } : {}),
    } satisfies NotificationCreatedEvent);
    return notification;
  }

  /** The user's unread entries of these kinds changed after `since` (all when null), newest first. */
  async unreadOf(
    userId: string,
    kinds: NotificationKind[],
    since: Date | null,
  ): Promise<NotificationResponse[]> {
    return this.toResponses(await this.repository.unreadOf(userId, kinds, since));
  }

  /** Every entry of the user, for their data export. */
  async allOf(userId: string): Promise<NotificationResponse[]> {
    return this.toResponses(await this.repository.allOf(userId));
  }

  /** Account deletion: the user's entries, and the user as an actor in others' entries. */
  removeAllOf(userId: string): Promise<void> {
    return this.repository.eraseUser(userId);
  }

  /** The entry as a push shows it, or null once it is read or gone (nothing to push then). */
  async unreadEntry(userId: string, id: string): Promise<NotificationResponse | null> {
    const row = await this.repository.findOwn(userId, id);
    return row && !row.readAt ? (await this.toResponses([row]))[0] : null;
  }

  async list(
    userId: string,
    query: { cursor?: string; limit: number; unread?: boolean },
  ): Promise<NotificationPage> {
    const after = query.cursor ? decodeCursor(query.cursor, notificationCursorSchema) : undefined;
    const [rows, unreadCount] = await Promise.all([
      this.repository.page(
        userId,
        { unread: query.unread },
        after && { at: new Date(after.t), id: after.id },
        query.limit + 1,
      ),
      this.repository.unreadCount(userId),
    ]);
    const shown = rows.slice(0, query.limit);
    const last = rows.length > query.limit ? shown[shown.length - 1] : undefined;
    return {
      items: await this.toResponses(shown),
      nextCursor: last ? encodeCursor({ t: last.updatedAt.getTime(), id: last._id.toHexString() }) : null,
      unreadCount,
    };
  }

  unreadCount(userId: string): Promise<number> {
    return this.repository.unreadCount(userId);
  }

  /** Idempotent: reading a read entry answers it as it is, and tells no device again. */
  async read(
    userId: string,
    id: string,
  ): Promise<{ notification: NotificationResponse; unreadCount: number }> {
    const marked = await this.repository.markRead(userId, id, new Date());
    const row = marked ?? (await this.repository.findOwn(userId, id));
    if (!row) {
      throw new InboxError(InboxErrorCode.NotFound);
    }
    const unreadCount = await this.repository.unreadCount(userId);
    if (marked) {
      this.publisher.toUsers([userId], ServerEvent.NotificationsRead, { ids: [id], all: false, unreadCount });
    }
    const [notification] = await this.toResponses([row]);
    return { notification, unreadCount };
  }

  /** Marks every unread entry read, or those last changed at or before `before`; every device hears it. */
  async readAll(userId: string, before: Date | null): Promise<{ updated: number; unreadCount: number }> {
    const at = new Date();
    let updated = 0;
    for (let batch = 0; batch < READ_ALL_MAX_BATCHES; batch++) {
      const ids = await this.repository.unreadIds(userId, before, READ_ALL_BATCH);
      updated += await this.repository.markManyRead(ids, at);
      if (ids.length < READ_ALL_BATCH) {
        break;
      }
    }
    const unreadCount = await this.repository.unreadCount(userId);
    this.publisher.toUsers([userId], ServerEvent.NotificationsRead, {
      ids: [],
      all: true,
      before: before?.toISOString() ?? null,
      unreadCount,
    });
    return { updated, unreadCount };
  }

  async delete(userId: string, id: string): Promise<void> {
    if (!(await this.repository.deleteOwn(userId, id))) {
      throw new InboxError(InboxErrorCode.NotFound);
    }
    const unreadCount = await this.repository.unreadCount(userId);
    this.publisher.toUsers([userId], ServerEvent.NotificationDeleted, { id, unreadCount });
  }

  /**
   * Under the open entry's lock (FerretDB v1 applies the aggregating upsert as read-then-write): skips a
   * source the user already has (also in an entry read since), then aggregates; a full entry is closed.
   */
  private async store(input: NotificationInput): Promise<NotificationRow | null> {
    const openKey = InboxRepository.openKeyOf(input.userId, input.groupKey);
    return this.locks.run(openKey, async () => {
      if (await this.repository.hasSource(input.userId, input.groupKey, input.sourceId)) {
        return null;
      }
      const stored = await this.repository.aggregate({
        userId: input.userId,
        kind: input.kind,
        groupKey: input.groupKey,
        sourceId: input.sourceId,
        actorId: input.actorId,
        conversationId: input.conversationId ?? null,
        messageId: input.messageId ?? null,
        emoji: input.emoji ?? null,
        role: input.role ?? null,
        title: input.title ?? null,
        body: input.body ?? null,
        data: input.data ?? null,
        at: new Date(),
      });
      if (stored && stored.entry.count >= MAX_SOURCES_PER_ENTRY) {
        await this.repository.close(stored.entry._id);
      }
      return stored?.entry ?? null;
    });
  }

  private async toResponses(rows: readonly NotificationRow[]): Promise<NotificationResponse[]> {
    const ids = [...new Set(rows.flatMap((row) => shownActorIds(row)))];
    const users = ids.length > 0 ? await this.users.findByIds(ids) : [];
    const actors = new Map(
      users.map((user) => [
        user._id.toHexString(),
        { id: user._id.toHexString(), displayName: user.displayName, avatarUrl: user.avatarUrl ?? null },
      ]),
    );
    return rows.map((row) => toNotificationResponse(row, actors));
  }
}
