import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { AnyBulkWriteOperation } from 'mongodb';
import { Model, Types } from 'mongoose';
import { batchLoader } from '../common/concurrency/batch-loader';
import { GroupCommitWriter, keepHighest } from '../common/concurrency/group-commit-writer';
import { byIds } from '../common/database/by-ids';
import { bulkWriteEach, isDuplicateKeyError, writeErrorsOf } from '../common/database/write-errors';
import { KeyedQueue } from '../common/concurrency/keyed-queue';
import { Conversation, ConversationKind, LastMessage } from './conversation.schema';
import { MemberRole, Membership, membershipId } from './membership.schema';
import { PreferencesInput } from './notification-preferences';

export type ConversationRecord = Conversation & { _id: Types.ObjectId };
export type MembershipRecord = Membership;

const oid = (id: string) => new Types.ObjectId(id);
const conversationKey = (id: string) => `conversation:${id}`;
const membersKey = (conversationId: string) => `members:${conversationId}`;

@Injectable()
export class ConversationsRepository {
  /**
   * Updates of one conversation document, and of one conversation's memberships, run one at a time in this
   * process: FerretDB v1 rewrites a matched document without re-checking the filter, so concurrent
   * forward-only updates (`lastSeq`, receipt pointers) could otherwise move a value backwards. MongoDB
   * applies each conditional update atomically, which keeps several instances correct there.
   */
  private readonly writes = new KeyedQueue();
  /**
   * Last messages (with their senders' newest seqs and recipients' delivered pointers in smaller
   * conversations) and, in larger ones, senders' read pointers are written by group commit: racing sends of
   * one conversation collapse into one update (newest last message, highest seq per sender and recipient),
   * and the updates of every conversation waiting meanwhile go out together in bulk writes.
   */
  private readonly lastMessages = new GroupCommitWriter<RecordedMessages>(
    this.writes,
    (waiting, next) => ({
      conversationId: waiting.conversationId,
      newest: next.newest.seq > waiting.newest.seq ? next.newest : waiting.newest,
      bySender: keepHighest(waiting.bySender, next.bySender),
      delivered: keepHighest(waiting.delivered, next.delivered),
    }),
    (values) =>
      bulkWriteEach(
        this.conversations.collection,
        values.map((value) => [lastMessageUpdate(value)]),
      ),
  );
  private readonly sendersRead = new GroupCommitWriter<ReadMoves>(this.writes, keepHighest, (values) => {
    const now = new Date();
    return bulkWriteEach(
      this.memberships.collection,
      values.map((moves) => [...moves].map(([_id, seq]) => readMove(_id, seq, now))),
    );
  });

  /**
   * Reads that many requests make at once (every socket connect, every member-list load) are batched: one
   * `$in` query for all the keys asked for while the previous batch ran.
   */
  private readonly membershipsByUser = batchLoader<string, MembershipRecord[]>(
    (userIds) => this.groupMemberships('userId', userIds),
    () => [],
  );
  private readonly membershipsByConversation = batchLoader<string, MembershipRecord[]>(
    (conversationIds) => this.groupMemberships('conversationId', conversationIds),
    () => [],
  );
  private readonly lastRecordedByConversation = batchLoader<string, LastRecorded>(
    (conversationIds) => this.readLastRecorded(conversationIds),
    () => NOTHING_RECORDED,
  );

  constructor(
    @InjectModel(Conversation.name) private readonly conversations: Model<Conversation>,
    @InjectModel(Membership.name) private readonly memberships: Model<Membership>,
  ) {}

  findByPairKey(pairKey: string): Promise<ConversationRecord | null> {
    return this.conversations.findOne({ pairKey }).lean<ConversationRecord>().exec();
  }

  /** Creates the conversation, or returns the existing one holding the same pair key (a lost race). */
  async createOrGet(
    fields: Pick<Conversation, 'kind' | 'title' | 'avatarUrl'> & { pairKey?: string; createdBy: string },
    members: ReadonlyArray<{ userId: string; role: MemberRole }>,
  ): Promise<{ conversation: ConversationRecord; created: boolean }> {
    const _id = new Types.ObjectId();
    const now = new Date();
    try {
      await this.conversations.collection.insertOne({
        _id,
        kind: fields.kind,
        pairKey: fields.pairKey ?? `group:${_id.toHexString()}`,
        ...(fields.title ? { title: fields.title } : {}),
        ...(fields.avatarUrl ? { avatarUrl: fields.avatarUrl } : {}),
        memberCount: members.length,
        lastSeq: 0,
        lastActivityAt: now,
        createdBy: oid(fields.createdBy),
        createdAt: now,
        updatedAt: now,
      });
    } catch (error) {
      if (fields.pairKey && isDuplicateKeyError(error)) {
        const existing = await this.findByPairKey(fields.pairKey);
        if (existing) {
          // Its creator may not have written the memberships yet: writing the same ones (same ids) lets this
          // caller read the conversation at once; whichever of the two writes second changes nothing.
          await this.insertMembershipsOnce(existing._id.toHexString(), members);
          return { conversation: existing, created: false };
        }
      }
      throw error;
    }
    await this.insertMembershipsOnce(_id.toHexString(), members);
    const conversation = await this.findById(_id.toHexString());
    return { conversation: conversation!, created: true };
  }

  /** Inserts the memberships that are not there yet (a membership's id is its conversation and user). */
  private async insertMembershipsOnce(
    conversationId: string,
    members: ReadonlyArray<{ userId: string; role: MemberRole }>,
  ): Promise<void> {
    try {
      await this.insertMemberships(conversationId, members);
    } catch (error) {
      const failures = writeErrorsOf(error);
      const onlyDuplicates =
        isDuplicateKeyError(error) && failures.every((failure) => isDuplicateKeyError(failure));
      if (!onlyDuplicates) {
        throw error;
      }
    }
  }

  async insertMemberships(
    conversationId: string,
    members: ReadonlyArray<{ userId: string; role: MemberRole }>,
  ): Promise<void> {
    const now = new Date();
    await this.memberships.collection.insertMany(
      members.map(({ userId, role }, joinOrder) => ({
        _id: membershipId(conversationId, userId) as never,
        conversationId: oid(conversationId),
        userId: oid(userId),
        role,
        joinOrder,
        muted: false,
        readSeq: 0,
        createdAt: now,
        updatedAt: now,
      })),
      { ordered: false },
    );
  }

  findById(id: string): Promise<ConversationRecord | null> {
    return this.conversations.findById(id).lean<ConversationRecord>().exec();
  }

  findMembership(conversationId: string, userId: string): Promise<MembershipRecord | null> {
    return this.memberships.findById(membershipId(conversationId, userId)).lean<MembershipRecord>().exec();
  }

  /** Members in joining order. */
  members(conversationId: string): Promise<MembershipRecord[]> {
    return this.membershipsByConversation.load(conversationId);
  }

  membershipsOf(userId: string): Promise<MembershipRecord[]> {
    return this.membershipsByUser.load(userId);
  }

  /** The memberships of each of the given users or conversations, in joining order. */
  private async groupMemberships(
    field: 'userId' | 'conversationId',
    ids: readonly string[],
  ): Promise<Map<string, MembershipRecord[]>> {
    const rows = await this.memberships
      .find({ [field]: { $in: ids.map(oid) } })
      .sort({ createdAt: 1, joinOrder: 1, _id: 1 })
      .lean<MembershipRecord[]>()
      .exec();
    const grouped = new Map<string, MembershipRecord[]>();
    for (const row of rows) {
      const key = row[field].toHexString();
      const group = grouped.get(key);
      if (group) {
        group.push(row);
      } else {
        grouped.set(key, [row]);
      }
    }
    return grouped;
  }

  /** The titles of those of the given conversations that have one (groups). */
  async titlesOf(conversationIds: readonly string[]): Promise<Map<string, string>> {
    if (conversationIds.length === 0) {
      return new Map();
    }
    const rows = await this.conversations.collection
      .find(byIds(conversationIds.map(oid)), { projection: { title: 1 } })
      .toArray();
    return new Map(
      rows.flatMap((row) => (typeof row.title === 'string' ? [[row._id.toHexString(), row.title]] : [])),
    );
  }

  /** A page of the given conversations, newest activity first; ties broken by id so pages are stable. */
  page(
    conversationIds: readonly string[],
    after: { lastActivityAt: Date; id: string } | undefined,
    limit: number,
  ): Promise<ConversationRecord[]> {
    const filter: Record<string, unknown> = { _id: { $in: conversationIds.map(oid) } };
    if (after) {
      filter.$or = [
        { lastActivityAt: { $lt: after.lastActivityAt } },
        { lastActivityAt: after.lastActivityAt, _id: { $lt: oid(after.id) } },
      ];
    }
    return this.conversations
      .find(filter, { deliveredUpTo: 0 })
      .sort({ lastActivityAt: -1, _id: -1 })
      .limit(limit)
      .lean<ConversationRecord[]>()
      .exec();
  }

  /** Sets the given fields; `avatarUrl: null` removes the avatar. */
  async update(id: string, fields: { title?: string; avatarUrl?: string | null }): Promise<void> {
    const { avatarUrl, ...rest } = fields;
    const set = { ...rest, ...(avatarUrl ? { avatarUrl } : {}), updatedAt: new Date() };
    await this.writes.run(conversationKey(id), () =>
      this.conversations.collection.updateOne(
        { _id: oid(id) },
        avatarUrl === null ? { $set: set, $unset: { avatarUrl: '' } } : { $set: set },
      ),
    );
  }

  /** Reserves room for `count` more members unless that would pass `max`; atomic, so concurrent adds agree. */
  async reserveSeats(id: string, count: number, max: number): Promise<boolean> {
    const result = await this.writes.run(conversationKey(id), () =>
      this.conversations.collection.updateOne(
        { _id: oid(id), memberCount: { $lte: max - count } },
        { $inc: { memberCount: count } },
      ),
    );
    return result.modifiedCount === 1;
  }

  /** Frees the seats of removed members and stamps the change for /sync (see `membersChangedAt`). */
  async releaseSeats(id: string, count: number): Promise<void> {
    await this.writes.run(conversationKey(id), () =>
      this.conversations.collection.updateOne(
        { _id: oid(id) },
        { $inc: { memberCount: -count }, $set: { membersChangedAt: new Date() } },
      ),
    );
  }

  async removeMembership(conversationId: string, userId: string): Promise<boolean> {
    const result = await this.memberships.deleteOne({ _id: membershipId(conversationId, userId) }).exec();
    return result.deletedCount === 1;
  }

  async setRole(conversationId: string, userId: string, role: MemberRole): Promise<MembershipRecord | null> {
    return this.writes.run(membersKey(conversationId), () =>
      this.memberships
        .findOneAndUpdate(
          { _id: membershipId(conversationId, userId) },
          { $set: { role, updatedAt: new Date() } },
          { new: true },
        )
        .lean<MembershipRecord>()
        .exec(),
    );
  }

  async setPreferences(
    conversationId: string,
    userId: string,
    changes: PreferencesInput,
  ): Promise<MembershipRecord | null> {
    return this.writes.run(membersKey(conversationId), () =>
      this.memberships
        .findOneAndUpdate(
          { _id: membershipId(conversationId, userId) },
          { $set: { ...changes, updatedAt: new Date() } },
          { new: true },
        )
        .lean<MembershipRecord>()
        .exec(),
    );
  }

  /**
   * Conversations (of those given) in which some member's pointers or settings changed after `since`, or
   * whose member list changed.
   */
  async changedSince(conversationIds: readonly string[], since: Date): Promise<string[]> {
    const ids = conversationIds.map(oid);
    const [pointers, members]: Types.ObjectId[][] = await Promise.all([
      this.memberships.distinct('conversationId', {
        conversationId: { $in: ids },
        updatedAt: { $gt: since },
      }),
      this.conversations.distinct<'_id', Types.ObjectId>('_id', {
        _id: { $in: ids },
        membersChangedAt: { $gt: since },
      }),
    ]);
    return [...new Set([...pointers, ...members].map((id) => id.toHexString()))];
  }

  /** The direct conversations among those given whose last activity came after `since` (any, when null). */
  directActiveSince(conversationIds: readonly string[], since: Date | null): Promise<ConversationRecord[]> {
    return this.conversations
      .find(
        {
          _id: { $in: conversationIds.map(oid) },
          kind: ConversationKind.Direct,
          ...(since ? { lastActivityAt: { $gt: since } } : {}),
        },
        { deliveredUpTo: 0 },
      )
      .lean<ConversationRecord[]>()
      .exec();
  }

  /** Account deletion: the conversation list's copy of the user's last message loses its (encrypted) text. */
  async clearLastPreviewOf(conversationId: string, senderId: string): Promise<void> {
    await this.conversations.collection.updateOne(
      { _id: oid(conversationId), 'lastMessage.senderId': senderId },
      { $set: { 'lastMessage.preview': '' } },
    );
  }

  /** Conversation ids after `afterId` in id order, for jobs walking every conversation. */
  async idsAfter(afterId: string | null, limit: number): Promise<string[]> {
    const rows = await this.conversations.collection
      .find(afterId ? { _id: { $gt: oid(afterId) } } : {}, { projection: { _id: 1 } })
      .sort({ _id: 1 })
      .limit(limit)
      .toArray();
    return rows.map((row) => row._id.toHexString());
  }

  /** From the collection's metadata: cheap, and close enough for a progress report. */
  estimatedCount(): Promise<number> {
    return this.conversations.collection.estimatedDocumentCount();
  }

  countOwners(conversationId: string): Promise<number> {
    return this.memberships
      .countDocuments({ conversationId: oid(conversationId), role: MemberRole.Owner })
      .exec();
  }

  /**
   * Moves the denormalised last message forward only (an older write finishing late changes nothing),
   * with `senderSeq` its sender's newest seq on the conversation (their read pointer, see `readPointerOf`),
   * and the delivered pointers of the recipients it reached (see `Conversation.deliveredUpTo`).
   */
  recordMessage(
    conversationId: string,
    message: LastMessage,
    { senderSeq, deliveredTo }: { senderSeq: boolean; deliveredTo: readonly string[] },
  ): Promise<void> {
    return this.lastMessages.write(conversationKey(conversationId), {
      conversationId,
      newest: message,
      bySender: new Map(senderSeq ? [[message.senderId, message.seq]] : []),
      delivered: new Map(deliveredTo.map((userId) => [userId, message.seq])),
    });
  }

  /** A sender has read their own message: the membership's pointer, forward-only, group-committed. */
  advanceSenderRead(conversationId: string, userId: string, seq: number): Promise<void> {
    return this.sendersRead.write(
      membersKey(conversationId),
      new Map([[membershipId(conversationId, userId), seq]]),
    );
  }

  /**
   * The conversation's `lastSeq` (0 when none or unknown), by an exact `_id` read: a send's seq floor, off
   * the batch loader so it never waits for a batch of others (on FerretDB a batch is a collection scan).
   */
  async lastSeqOf(conversationId: string): Promise<number> {
    return (await this.readLastRecorded([conversationId])).get(conversationId)?.seq ?? 0;
  }

  /**
   * The `lastSeq` of each of the given conversations, who sent that message, each sender's newest seq and
   * the delivered pointers recorded with the messages.
   */
  async lastRecorded(conversationIds: readonly string[]): Promise<Map<string, LastRecorded>> {
    const recorded = await Promise.all(conversationIds.map((id) => this.lastRecordedByConversation.load(id)));
    return new Map(conversationIds.map((id, i) => [id, recorded[i]]));
  }

  private async readLastRecorded(conversationIds: readonly string[]): Promise<Map<string, LastRecorded>> {
    const rows = await this.conversations.collection
      .find(byIds(conversationIds.map(oid)), {
        projection: { lastSeq: 1, 'lastMessage.senderId': 1, sentUpTo: 1, deliveredUpTo: 1 },
      })
      .toArray();
    return new Map(
      rows.map((row) => [
        row._id.toHexString(),
        {
          seq: (row.lastSeq as number | undefined) ?? 0,
          senderId: (row.lastMessage as Pick<LastMessage, 'senderId'> | undefined)?.senderId ?? null,
          sentUpTo: (row.sentUpTo as Record<string, number> | undefined) ?? {},
          deliveredUpTo: (row.deliveredUpTo as Record<string, number> | undefined) ?? {},
        },
      ]),
    );
  }

  /**
   * Moves one member's read pointer forward; false when it was there already (or the member is gone). Read,
   * then written by `_id` with `$max`, inside the conversation's write queue: an instance racing this one
   * can still not move the pointer back.
   */
  advanceRead(conversationId: string, userId: string, seq: number): Promise<boolean> {
    return this.writes.run(membersKey(conversationId), async () => {
      const _id = membershipId(conversationId, userId);
      const current = await this.memberships.collection.findOne({ _id } as never, {
        projection: { readSeq: 1 },
      });
      if (!current || (current.readSeq as number) >= seq) {
        return false;
      }
      const now = new Date();
      await this.memberships.collection.updateOne({ _id } as never, {
        $max: { readSeq: seq },
        $set: { readAt: now, updatedAt: now },
      });
      return true;
    });
  }
}

/** Membership `_id` -> the seq its read pointer moves to. */
type ReadMoves = Map<string, number>;

/**
 * A conversation's newest recorded seq, the sender of that message, and the delivered pointers its messages
 * recorded (`Conversation.deliveredUpTo`).
 */
export interface LastRecorded {
  seq: number;
  senderId: string | null;
  /** Each sender's newest seq (conversations of up to SENDER_SEQS_MAX_MEMBERS members; see `Conversation`). */
  sentUpTo: Readonly<Record<string, number>>;
  deliveredUpTo: Readonly<Record<string, number>>;
}

const NOTHING_RECORDED: LastRecorded = { seq: 0, senderId: null, sentUpTo: {}, deliveredUpTo: {} };

/**
 * The messages of one conversation recorded together: the newest, each sender's newest, and the highest
 * seq that reached each recipient.
 */
interface RecordedMessages {
  conversationId: string;
  newest: LastMessage;
  bySender: Map<string, number>;
  delivered: Map<string, number>;
}

/**
 * `$max` keeps every field forward-only in one update addressed by `_id` alone (no `lastSeq` condition in
 * the filter, which FerretDB could only answer by a scan). Documents compare field by field in order, so
 * with `seq` first the last message with the highest seq wins, whichever instance writes last.
 */
function lastMessageUpdate({
  conversationId,
  newest,
  bySender,
  delivered,
}: RecordedMessages): AnyBulkWriteOperation {
  const { seq, id, senderId, type, preview, createdAt } = newest;
  const max: Record<string, unknown> = {
    lastSeq: seq,
    lastMessage: { seq, id, senderId, type, preview, createdAt },
    lastActivityAt: createdAt,
  };
  bySender.forEach((upTo, sender) => {
    max[`sentUpTo.${sender}`] = upTo;
  });
  delivered.forEach((upTo, recipient) => {
    max[`deliveredUpTo.${recipient}`] = upTo;
  });
  return { updateOne: { filter: { _id: oid(conversationId) }, update: { $max: max } } };
}

/** A membership's read pointer by `_id`; `$max` keeps it forward-only. */
function readMove(_id: string, seq: number, now: Date): AnyBulkWriteOperation {
  return {
    updateOne: {
      filter: { _id } as never,
      update: { $max: { readSeq: seq }, $set: { readAt: now, updatedAt: now } },
    },
  };
}
