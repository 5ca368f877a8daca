import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { CoalescingWriter } from '../common/concurrency/coalescing-writer';
import { KeyedQueue } from '../common/concurrency/keyed-queue';
import { isDuplicateKeyError } from '../users/users.repository';
import { Conversation, LastMessage } from './conversation.schema';
import { MemberRole, Membership } from './membership.schema';

export type ConversationRecord = Conversation & { _id: Types.ObjectId };
export type MembershipRecord = Membership & { _id: Types.ObjectId };

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
  /** Racing sends of one conversation collapse into one write of the newest last message. */
  private readonly lastMessages = new CoalescingWriter<{ conversationId: string; message: LastMessage }>(
    this.writes,
    (queued, next) => (next.message.seq > queued.message.seq ? next : queued),
    ({ conversationId, message }) => this.writeLastMessage(conversationId, message),
  );
  /** Senders' own read pointers, per conversation: one bulk write per burst of sends (highest seq each). */
  private readonly sendersRead = new CoalescingWriter<{ conversationId: string; seqs: Map<string, number> }>(
    this.writes,
    (queued, next) => {
      next.seqs.forEach((seq, membershipId) =>
        queued.seqs.set(membershipId, Math.max(seq, queued.seqs.get(membershipId) ?? 0)),
      );
      return queued;
    },
    ({ seqs }) => this.writeSendersRead(seqs),
  );

  constructor(
    @InjectModel(Conversation.name) private readonly conversations: Model<Conversation>,
    @InjectModel(Membership.name) private readonly memberships: Model<Membership>,
  ) {}

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
        const existing = await this.conversations
          .findOne({ pairKey: fields.pairKey })
          .lean<ConversationRecord>();
        if (existing) {
          return { conversation: existing, created: false };
        }
      }
      throw error;
    }
    await this.insertMemberships(_id.toHexString(), members);
    const conversation = await this.findById(_id.toHexString());
    return { conversation: conversation!, created: true };
  }

  async insertMemberships(
    conversationId: string,
    members: ReadonlyArray<{ userId: string; role: MemberRole }>,
  ): Promise<void> {
    const now = new Date();
    await this.memberships.collection.insertMany(
      members.map(({ userId, role }) => ({
        conversationId: oid(conversationId),
        userId: oid(userId),
        role,
        muted: false,
        deliveredSeq: 0,
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
    return this.memberships
      .findOne({ conversationId: oid(conversationId), userId: oid(userId) })
      .lean<MembershipRecord>()
      .exec();
  }

  /** Members in joining order; `limit` caps it (list items show only the first few). */
  members(conversationId: string, limit = 0): Promise<MembershipRecord[]> {
    return this.memberships
      .find({ conversationId: oid(conversationId) })
      .sort({ createdAt: 1, _id: 1 })
      .limit(limit)
      .lean<MembershipRecord[]>()
      .exec();
  }

  membershipsOf(userId: string): Promise<MembershipRecord[]> {
    return this.memberships
      .find({ userId: oid(userId) })
      .lean<MembershipRecord[]>()
      .exec();
  }

  async conversationIdsOf(userId: string): Promise<string[]> {
    const rows = await this.memberships
      .find({ userId: oid(userId) }, { conversationId: 1, _id: 0 })
      .lean<Array<{ conversationId: Types.ObjectId }>>()
      .exec();
    return rows.map((row) => row.conversationId.toHexString());
  }

  async memberIdsOf(conversationIds: readonly string[]): Promise<string[]> {
    const ids: Types.ObjectId[] = await this.memberships
      .distinct('userId', { conversationId: { $in: conversationIds.map(oid) } })
      .exec();
    return ids.map((id) => id.toHexString());
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
      .find(filter)
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
    const result = await this.memberships
      .deleteOne({ conversationId: oid(conversationId), userId: oid(userId) })
      .exec();
    return result.deletedCount === 1;
  }

  async setRole(conversationId: string, userId: string, role: MemberRole): Promise<MembershipRecord | null> {
    return this.writes.run(membersKey(conversationId), () =>
      this.memberships
        .findOneAndUpdate(
          { conversationId: oid(conversationId), userId: oid(userId) },
          { $set: { role, updatedAt: new Date() } },
          { new: true },
        )
        .lean<MembershipRecord>()
        .exec(),
    );
  }

  async setMuted(conversationId: string, userId: string, muted: boolean): Promise<MembershipRecord | null> {
    return this.writes.run(membersKey(conversationId), () =>
      this.memberships
        .findOneAndUpdate(
          { conversationId: oid(conversationId), userId: oid(userId) },
          { $set: { muted, updatedAt: new Date() } },
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

  countOwners(conversationId: string): Promise<number> {
    return this.memberships
      .countDocuments({ conversationId: oid(conversationId), role: MemberRole.Owner })
      .exec();
  }

  /** Moves the denormalised last message forward only: an older write finishing late changes nothing. */
  recordMessage(conversationId: string, message: LastMessage): Promise<void> {
    return this.lastMessages.write(conversationKey(conversationId), { conversationId, message });
  }

  private async writeLastMessage(conversationId: string, message: LastMessage): Promise<void> {
    await this.conversations.collection.updateOne(
      { _id: oid(conversationId), lastSeq: { $lt: message.seq } },
      { $set: { lastSeq: message.seq, lastMessage: message, lastActivityAt: message.createdAt } },
    );
  }

  /**
   * A sender has read (and received) their own message: forward-only ($max), coalesced per conversation, and
   * addressed by membership id because FerretDB v1 on SQLite pushes down only `{ _id: <value> }` filters
   * and scans the whole collection for any other.
   */
  advanceSenderRead(conversationId: string, membershipId: Types.ObjectId, seq: number): Promise<void> {
    return this.sendersRead.write(membersKey(conversationId), {
      conversationId,
      seqs: new Map([[membershipId.toHexString(), seq]]),
    });
  }

  private async writeSendersRead(seqs: Map<string, number>): Promise<void> {
    const now = new Date();
    await this.memberships.collection.bulkWrite(
      [...seqs].map(([membershipId, seq]) => ({
        updateOne: {
          filter: { _id: oid(membershipId) },
          update: {
            $max: { readSeq: seq, deliveredSeq: seq },
            $set: { readAt: now, deliveredAt: now, updatedAt: now },
          },
        },
      })),
      { ordered: false },
    );
  }

  /** The `lastSeq` of each of the given conversations. */
  async lastSeqs(conversationIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.conversations.collection
      .find({ _id: { $in: conversationIds.map(oid) } }, { projection: { lastSeq: 1 } })
      .toArray();
    return new Map(rows.map((row) => [row._id.toHexString(), (row.lastSeq as number | undefined) ?? 0]));
  }

  /** Forward-only ($max) delivered move of one membership, by id (see advanceSenderRead). */
  async advanceDeliveredById(
    conversationId: string,
    membershipId: Types.ObjectId,
    seq: number,
  ): Promise<void> {
    const now = new Date();
    await this.writes.run(membersKey(conversationId), () =>
      this.memberships.collection.updateOne(
        { _id: membershipId },
        { $max: { deliveredSeq: seq }, $set: { deliveredAt: now, updatedAt: now } },
      ),
    );
  }

  /** Forward-only pointer move; `readSeq` lifts `deliveredSeq` with it. True when something moved. */
  async advancePointer(
    conversationId: string,
    userIds: readonly string[],
    pointer: 'deliveredSeq' | 'readSeq',
    seq: number,
  ): Promise<number> {
    return this.writes.run(membersKey(conversationId), () =>
      this.movePointer(conversationId, userIds, pointer, seq),
    );
  }

  private async movePointer(
    conversationId: string,
    userIds: readonly string[],
    pointer: 'deliveredSeq' | 'readSeq',
    seq: number,
  ): Promise<number> {
    const now = new Date();
    const at = pointer === 'readSeq' ? 'readAt' : 'deliveredAt';
    const result = await this.memberships.collection.updateMany(
      { conversationId: oid(conversationId), userId: { $in: userIds.map(oid) }, [pointer]: { $lt: seq } },
      { $set: { [pointer]: seq, [at]: now, updatedAt: now } },
    );
    if (pointer === 'readSeq') {
      await this.memberships.collection.updateMany(
        {
          conversationId: oid(conversationId),
          userId: { $in: userIds.map(oid) },
          deliveredSeq: { $lt: seq },
        },
        { $set: { deliveredSeq: seq, deliveredAt: now, updatedAt: now } },
      );
    }
    return result.modifiedCount;
  }
}
