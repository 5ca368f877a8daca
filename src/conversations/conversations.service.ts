import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Types } from 'mongoose';
import { z } from 'zod';
import { FieldCipher } from '../common/crypto/field-cipher';
import { cursorTimestampSchema, decodeCursor, encodeCursor } from '../common/pagination/cursor';
import { objectIdSchema } from '../common/validation/object-id';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ServerEvent } from '../realtime/events';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { BlocksService } from '../users/blocks/blocks.service';
import { UsersService } from '../users/users.service';
import { ConversationKind } from './conversation.schema';
import { ConversationSearch } from './conversation-search';
import { GroupAction, mayPerform } from './conversation-policy';
import {
  ConversationBrief,
  ConversationResponse,
  CreateGroupDto,
  MemberSummary,
  toConversationResponse,
  UpdateConversationDto,
} from './conversations.dto';
import { ConversationsError, ConversationsErrorCode } from './conversations.errors';
import { ConversationsDomainEvent, MembersAddedEvent } from './conversations.events';
import { ConversationRecord, ConversationsRepository, MembershipRecord } from './conversations.repository';
import { DeliveryPointersRepository } from './delivery-pointers.repository';
import { MemberRole } from './membership.schema';
import {
  isMutedAt,
  NotificationState,
  NotifyLevel,
  preferenceChanges,
  PreferencesInput,
} from './notification-preferences';
import { MemberSummaries } from './member-summaries';
import { MemberIndex, MembershipCache } from './membership-cache';
import { deliveredPointerOf, readPointerOf } from './receipt-pointers';

export interface MemberView {
  conversationId: string;
  userId: string;
  role: MemberRole;
  kind: ConversationKind;
  /** The conversation's newest recorded seq, and who sent that message. */
  lastSeq: number;
  lastSenderId: string | null;
  memberCount: number;
  readSeq: number;
  /** Null when the member's own message at `readSeq` moved it (see `ReceiptPointer`), or never read. */
  readAt: Date | null;
  muted: boolean;
  joinedAt: Date;
}

/** A member with both receipt pointers; reading implies delivery, so `deliveredSeq >= readSeq`. */
export interface MemberReceipt extends MemberView {
  deliveredSeq: number;
  /** Null when the message at `deliveredSeq` moved it (see `ReceiptPointer`), or nothing was delivered. */
  deliveredAt: Date | null;
}

/** A user's membership as a connecting socket sees it (`readSeq` may lag: it comes from the cache). */
export interface MemberState {
  conversationId: string;
  readSeq: number;
}

const PREVIEW_LENGTH = 140;
const ListCursorSchema = z.strictObject({ t: cursorTimestampSchema, id: objectIdSchema });

/**
 * Conversations and membership: who is in which conversation with which role. Every method that touches a
 * conversation first checks the caller is a member; non-members get NOT_FOUND so existence is not revealed.
 */
@Injectable()
export class ConversationsService {
  constructor(
    private readonly repository: ConversationsRepository,
    private readonly deliveries: DeliveryPointersRepository,
    private readonly users: UsersService,
    private readonly blocks: BlocksService,
    private readonly publisher: RealtimePublisher,
    private readonly cipher: FieldCipher,
    private readonly cache: MembershipCache,
    private readonly summaries: MemberSummaries,
    private readonly search: ConversationSearch,
    private readonly events: EventEmitter2,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The send path's membership check: from the member cache (no database read while the member list is
   * unchanged), so it returns no pointers, only the members and their roles, which the rest of the send
   * uses (mentions, delivered pointers, where the sender's read pointer is kept). Conversations are never
   * deleted, so a membership implies the conversation exists.
   */
  async assertMember(conversationId: string, userId: string): Promise<MemberIndex> {
    const members = Types.ObjectId.isValid(conversationId) ? await this.cache.members(conversationId) : null;
    if (!members?.has(userId)) {
      throw new ConversationsError(ConversationsErrorCode.NotFound);
    }
    return members;
  }

  /** Those of these users who are members now, from the member cache. */
  async stillMembers(conversationId: string, userIds: readonly string[]): Promise<string[]> {
    const members = await this.cache.members(conversationId);
    return userIds.filter((userId) => members.has(userId));
  }

  /** Member ids from the member cache, for per-message work (delivered pointers). */
  async cachedMemberIds(conversationId: string): Promise<string[]> {
    return [...(await this.cache.members(conversationId)).keys()];
  }

  async requireMember(conversationId: string, userId: string): Promise<MemberView> {
    const [conversation, membership] = Types.ObjectId.isValid(conversationId)
      ? await Promise.all([
          this.repository.findById(conversationId),
          this.repository.findMembership(conversationId, userId),
        ])
      : [null, null];
    if (!conversation || !membership) {
      throw new ConversationsError(ConversationsErrorCode.NotFound);
    }
    return toMemberView(conversation, membership);
  }

  async openDirect(userId: string, otherUserId: string): Promise<ConversationResponse> {
    if (userId === otherUserId) {
      throw new ConversationsError(ConversationsErrorCode.SelfConversation);
    }
    await this.requireUsers([otherUserId]);
    const pair = [userId, otherUserId].sort();
    const pairKey = `direct:${pair.join(':')}`;
    if (await this.blocks.eitherBlocked(userId, otherUserId)) {
      // An existing chat stays readable; none is started while either user blocks the other.
      const existing = await this.repository.findByPairKey(pairKey);
      if (!existing) {
        throw new ConversationsError(ConversationsErrorCode.DirectBlocked);
      }
      return this.view(existing._id.toHexString(), userId);
    }
    const { conversation, created } = await this.repository.createOrGet(
      { kind: ConversationKind.Direct, pairKey, createdBy: userId },
      pair.map((id) => ({ userId: id, role: MemberRole.Member })),
    );
    const id = conversation._id.toHexString();
    if (created) {
      await this.cache.changed(id, pair);
      await this.announceMembers(id, pair, userId, pair);
    }
    return this.view(id, userId);
  }

  async createGroup(userId: string, input: CreateGroupDto): Promise<ConversationResponse> {
    const others = [...new Set(input.memberIds)].filter((id) => id !== userId);
    this.checkSize(others.length + 1);
    await this.requireUsers(others);
    const { conversation } = await this.repository.createOrGet(
      { kind: ConversationKind.Group, title: input.title, avatarUrl: input.avatarUrl, createdBy: userId },
      [{ userId, role: MemberRole.Owner }, ...others.map((id) => ({ userId: id, role: MemberRole.Member }))],
    );
    const id = conversation._id.toHexString();
    await this.cache.changed(id, [userId, ...others]);
    await this.announceMembers(id, [userId, ...others], userId, [userId, ...others]);
    if (others.length > 0) {
      this.events.emit(ConversationsDomainEvent.MembersAdded, {
        conversationId: id,
        userIds: others,
        addedBy: userId,
        at: new Date(),
      } satisfies MembersAddedEvent);
    }
    return this.view(id, userId);
  }

  async get(conversationId: string, userId: string): Promise<ConversationResponse> {
    await this.requireMember(conversationId, userId);
    return this.view(conversationId, userId);
  }

  /** The caller's conversations, newest activity first; with `q`, those it finds (see ConversationSearch). */
  async list(
    userId: string,
    query: { q?: string; cursor?: string; limit: number },
  ): Promise<{ items: ConversationResponse[]; nextCursor: string | null }> {
    const after = query.cursor ? decodeCursor(query.cursor, ListCursorSchema) : undefined;
    const memberships = await this.repository.membershipsOf(userId);
    const mine = new Map(memberships.map((m) => [m.conversationId.toHexString(), m]));
    const listed =
      query.q === undefined
        ? [...mine.keys()]
        : await this.search.matching(userId, [...mine.keys()], query.q);
    const page = await this.repository.page(
      listed,
      after && { lastActivityAt: new Date(after.t), id: after.id },
      query.limit + 1,
    );
    const shown = page.slice(0, query.limit);
    const summaries = await this.summaries.of(shown.map((conversation) => conversation._id.toHexString()));
    const items = shown.map((conversation, index) =>
      toConversationResponse(
        conversation,
        mine.get(conversation._id.toHexString())!,
        summaries[index],
        this.preview(conversation),
      ),
    );
    const last = page.length > query.limit ? page[query.limit - 1] : undefined;
    return {
      items,
      nextCursor: last
        ? encodeCursor({ t: last.lastActivityAt.getTime(), id: last._id.toHexString() })
        : null,
    };
  }

  async update(
    conversationId: string,
    userId: string,
    input: UpdateConversationDto,
  ): Promise<ConversationResponse> {
    const me = await this.requireGroupAction(conversationId, userId, GroupAction.Rename);
    await this.repository.update(me.conversationId, input);
    const view = await this.view(conversationId, userId);
    this.publisher.toConversation(conversationId, ServerEvent.ConversationUpdated, {
      conversationId,
      title: view.title,
      avatarUrl: view.avatarUrl,
      updatedBy: userId,
    });
    return view;
  }

  /** The caller's own notification preferences in the conversation (level, mute, mute end). */
  async setPreferences(
    conversationId: string,
    userId: string,
    input: PreferencesInput,
  ): Promise<ConversationResponse> {
    await this.requireMember(conversationId, userId);
    await this.repository.setPreferences(conversationId, userId, preferenceChanges(input));
    return this.view(conversationId, userId);
  }

  /** A group's title (null for direct conversations, or none); for texts shown outside a conversation view. */
  async titleOf(conversationId: string): Promise<string | null> {
    return (await this.repository.findById(conversationId))?.title ?? null;
  }

  /** Each conversation's id, kind, title and avatar (one `_id` read each, in parallel); unknown ids are left out. */
  async briefsOf(conversationIds: readonly string[]): Promise<Map<string, ConversationBrief>> {
    const rows = await Promise.all(conversationIds.map((id) => this.repository.findById(id)));
    return new Map(
      rows.flatMap((row): Array<[string, ConversationBrief]> =>
        row
          ? [
              [
                row._id.toHexString(),
                {
                  id: row._id.toHexString(),
                  kind: row.kind,
                  title: row.title ?? null,
                  avatarUrl: row.avatarUrl ?? null,
                },
              ],
            ]
          : [],
      ),
    );
  }

  async kindOf(conversationId: string): Promise<ConversationKind | null> {
    return (await this.repository.findById(conversationId))?.kind ?? null;
  }

  async memberIds(conversationId: string): Promise<string[]> {
    return (await this.repository.members(conversationId)).map((m) => m.userId.toHexString());
  }

  /**
   * These users' notification level in the conversation and whether they muted it now; users who are not
   * members are left out. One `_id` read per user.
   */
  async notificationStates(
    conversationId: string,
    userIds: readonly string[],
  ): Promise<Map<string, NotificationState>> {
    const rows = await Promise.all(
      userIds.map((userId) => this.repository.findMembership(conversationId, userId)),
    );
    const now = new Date();
    return new Map(
      rows.flatMap((row, i): Array<[string, NotificationState]> =>
        row ? [[userIds[i], { notify: row.notify ?? NotifyLevel.All, muted: isMutedAt(row, now) }]] : [],
      ),
    );
  }

  async members(conversationId: string): Promise<MemberReceipt[]> {
    const [conversation, rows, deliveries] = await Promise.all([
      this.repository.findById(conversationId),
      this.repository.members(conversationId),
      this.deliveries.of(conversationId),
    ]);
    if (!conversation) {
      return [];
    }
    return rows.map((row) => {
      const member = toMemberView(conversation, row);
      const delivered = deliveredPointerOf(conversation, deliveries, member);
      return { ...member, deliveredSeq: delivered.seq, deliveredAt: delivered.at };
    });
  }

  /** The newest seq recorded on the conversation (0 when none or unknown). */
  recordedLastSeq(conversationId: string): Promise<number> {
    return this.repository.lastSeqOf(conversationId);
  }

  /** The newest seq recorded on each conversation; batched with the other such reads of the same tick. */
  async recordedLastSeqs(conversationIds: readonly string[]): Promise<Map<string, number>> {
    const recorded = await this.repository.lastRecorded(conversationIds);
    return new Map([...recorded].map(([conversationId, last]) => [conversationId, last.seq]));
  }

  /** Every conversation, a page at a time in id order (`afterId`: the last of the previous page). */
  allIdsAfter(afterId: string | null, limit: number): Promise<string[]> {
    return this.repository.idsAfter(afterId, limit);
  }

  /** About how many conversations there are (for progress reports). */
  estimatedCount(): Promise<number> {
    return this.repository.estimatedCount();
  }

  /** From the member cache (every join and leave replaces the user's version). */
  async conversationIdsOf(userId: string): Promise<string[]> {
    return (await this.cache.membershipsOf(userId)).map((row) => row.conversationId.toHexString());
  }

  /**
   * The users who share a conversation of at most `maxMembers` members with this one (presence is pushed only
   * to them), from the member cache; pass the user's conversation ids when known.
   */
  async sharedContactIds(
    userId: string,
    { conversationIds, maxMembers }: { conversationIds?: readonly string[]; maxMembers: number },
  ): Promise<string[]> {
    const ids = conversationIds ?? (await this.conversationIdsOf(userId));
    const contacts = new Set<string>();
    for (const members of await Promise.all(ids.map((id) => this.cache.members(id)))) {
      if (members.size <= maxMembers) {
        members.forEach((_role, memberId) => contacts.add(memberId));
      }
    }
    contacts.delete(userId);
    return [...contacts];
  }

  /** The user's memberships straight from the database (not the cache), with their conversations' kind and title. */
  async accountMemberships(userId: string): Promise<AccountMembership[]> {
    const rows = await this.repository.membershipsOf(userId);
    const conversations = await Promise.all(
      rows.map((row) => this.repository.findById(row.conversationId.toHexString())),
    );
    return rows.map((row, index) => ({
      conversationId: row.conversationId.toHexString(),
      kind: conversations[index]?.kind ?? null,
      title: conversations[index]?.title ?? null,
      role: row.role,
      muted: row.muted,
      mutedUntil: row.mutedUntil?.toISOString() ?? null,
      notify: row.notify ?? NotifyLevel.All,
      readSeq: row.readSeq,
      joinedAt: row.createdAt.toISOString(),
    }));
  }

  /** Every membership of the user, from the member cache: what a connecting socket needs. */
  async memberStatesOf(userId: string): Promise<MemberState[]> {
    return (await this.cache.membershipsOf(userId)).map((membership) => ({
      conversationId: membership.conversationId.toHexString(),
      readSeq: membership.readSeq,
    }));
  }

  /** A group member whose role allows the action (direct conversations allow none). */
  async requireGroupAction(conversationId: string, userId: string, action: GroupAction): Promise<MemberView> {
    const me = await this.requireMember(conversationId, userId);
    if (me.kind === ConversationKind.Direct) {
      throw new ConversationsError(ConversationsErrorCode.DirectIsFixed);
    }
    if (!mayPerform(me.role, action)) {
      throw new ConversationsError(ConversationsErrorCode.NotAllowed);
    }
    return me;
  }

  private checkSize(count: number): void {
    if (count > this.config.conversations.maxMembers) {
      throw new ConversationsError(ConversationsErrorCode.TooManyMembers);
    }
  }

  async requireUsers(userIds: readonly string[]): Promise<void> {
    const found = await this.users.findByIds(userIds);
    if (found.length !== new Set(userIds).size) {
      throw new ConversationsError(ConversationsErrorCode.UserNotFound, 'One or more users do not exist');
    }
  }

  /**
   * Joins the new members' live sockets to the room and tells every member. The event goes to the users'
   * rooms, not the conversation's: the adapter applies the join asynchronously (`socketsJoin` cannot be
   * awaited), so a room emit right after it could miss the newcomers.
   */
  async announceMembers(
    conversationId: string,
    userIds: readonly string[],
    addedBy: string,
    audience: readonly string[],
  ): Promise<void> {
    await this.publisher.joinConversation(userIds, conversationId);
    this.publisher.toUsers(audience, ServerEvent.MemberAdded, {
      conversationId,
      userIds,
      addedBy,
    });
  }

  private async view(conversationId: string, userId: string): Promise<ConversationResponse> {
    const [conversation, me] = await Promise.all([
      this.repository.findById(conversationId),
      this.repository.findMembership(conversationId, userId),
    ]);
    if (!conversation || !me) {
      throw new ConversationsError(ConversationsErrorCode.NotFound);
    }
    return toConversationResponse(
      conversation,
      me,
      (await this.summaries.of([conversationId]))[0],
      this.preview(conversation),
    );
  }

  private preview(conversation: ConversationRecord): string | null {
    const last = conversation.lastMessage;
    if (!last?.preview) {
      return null;
    }
    const text = this.cipher.open(last.preview, conversation._id.toHexString(), last.id, 'content');
    return text === null ? null : text.slice(0, PREVIEW_LENGTH);
  }

  /**
   * For the email digest: the user's direct conversations with messages they have not read, the last one sent
   * after `since`, that they did not silence (notify `none`, or muted now), newest first, each with the other
   * member's name. One read of the user's memberships and one of those conversations.
   */
  async unreadDirectOf(userId: string, since: Date | null): Promise<UnreadDirect[]> {
    const now = new Date();
    const memberships = new Map(
      (await this.repository.membershipsOf(userId))
        .filter((m) => m.notify !== NotifyLevel.None && !isMutedAt(m, now))
        .map((m) => [m.conversationId.toHexString(), m]),
    );
    const unread = (await this.repository.directActiveSince([...memberships.keys()], since))
      .map((conversation) => ({
        conversation,
        count:
          conversation.lastSeq -
          readPointerOf(conversation, memberships.get(conversation._id.toHexString())!).seq,
      }))
      .filter(({ conversation, count }) => count > 0 && conversation.lastMessage)
      .sort((a, b) => b.conversation.lastActivityAt.getTime() - a.conversation.lastActivityAt.getTime());
    const summaries = await this.summaries.of(
      unread.map(({ conversation }) => conversation._id.toHexString()),
    );
    return unread.map(({ conversation, count }, index) => {
      const other = summaries[index].find((member) => member.userId !== userId);
      return {
        conversationId: conversation._id.toHexString(),
        otherUserId: other?.userId ?? null,
        otherName: other?.displayName ?? 'Deleted user',
        unreadCount: count,
        lastMessageAt: new Date(conversation.lastMessage!.createdAt),
      };
    });
  }

  /** One member's summary (name, avatar, role). */
  async memberSummary(conversationId: string, userId: string): Promise<MemberSummary> {
    const membership = await this.repository.findMembership(conversationId, userId);
    if (!membership) {
      throw new ConversationsError(ConversationsErrorCode.NotFound, 'Member not found');
    }
    return this.summaries.ofMember(membership);
  }
}

function toMemberView(conversation: ConversationRecord, membership: MembershipRecord): MemberView {
  const read = readPointerOf(conversation, membership);
  return {
    conversationId: membership.conversationId.toHexString(),
    userId: membership.userId.toHexString(),
    role: membership.role,
    kind: conversation.kind,
    lastSeq: conversation.lastSeq ?? 0,
    lastSenderId: conversation.lastMessage?.senderId ?? null,
    memberCount: conversation.memberCount,
    readSeq: read.seq,
    readAt: read.at,
    muted: isMutedAt(membership),
    joinedAt: membership.createdAt,
  };
}

export type { ConversationRecord };

/** One membership as the account's owner sees it in their data export. */
export interface AccountMembership {
  conversationId: string;
  kind: ConversationKind | null;
  title: string | null;
  role: MemberRole;
  muted: boolean;
  mutedUntil: string | null;
  notify: NotifyLevel;
  readSeq: number;
  joinedAt: string;
}

/** A direct conversation with unread messages, as the email digest lists it (no message content). */
export interface UnreadDirect {
  conversationId: string;
  /** Null when the other member's account is gone. */
  otherUserId: string | null;
  otherName: string;
  unreadCount: number;
  lastMessageAt: Date;
}
