import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Document, Filter, UpdateFilter } from 'mongodb';
import { Model, Types } from 'mongoose';
import { isDuplicateKeyError } from '../users/users.repository';
import { Message, MessageClaim, StoredReaction } from './message.schema';
import { GroupCommitWriter, Outcomes } from '../common/concurrency/group-commit-writer';
import { KeyedQueue } from '../common/concurrency/keyed-queue';
import { writeErrorsOf } from '../common/database/write-errors';
import { MessageRecord } from './message.response';
import { SeqHints } from './seq-hints';

const oid = (id: string) => new Types.ObjectId(id);
/** A clientMessageId is claimed per sender. */
export const claimKey = (senderId: string, clientMessageId: string) => `${senderId}:${clientMessageId}`;
const MAX_SEQ_ATTEMPTS = 20;
const SEQ_CACHE_SIZE = 50_000;
// Claims stored by one insertMany, and conversations stored by one insert round, at most.
const MAX_BATCH = 200;

type Inserted = { record: MessageRecord; inserted: boolean };
interface PendingClaim {
  doc: { _id: string; messageId: Types.ObjectId; claimedAt: Date };
  resolve: (won: boolean) => void;
  reject: (error: unknown) => void;
}
interface PendingInsert {
  build: (seq: number) => MessageRecord;
  floor: () => Promise<number>;
  resolve: (result: Inserted) => void;
  reject: (error: unknown) => void;
}
/** The sends of one conversation waiting for an insert round. */
interface ConversationSends {
  conversationId: string;
  sends: PendingInsert[];
}
/** A conversation's sends in an insert round, and the seq the first of them takes. */
interface SeqGroup extends ConversationSends {
  next: number;
  attempts: number;
}

/** Persistence of messages. Raw driver calls on the send path: no document hydration per message. */
@Injectable()
export class MessagesRepository {
  private readonly lastSeq = new Map<string, number>();
  /**
   * Insert rounds: the sends of every conversation waiting while the running rounds store theirs go out
   * together in one ordered insertMany (each conversation's sends contiguous, in arrival order), and a
   * conversation is in one round at a time, so its seqs follow each other without a database lookup.
   */
  private readonly inserts = new GroupCommitWriter<ConversationSends>(
    new KeyedQueue(),
    (waiting, next) => {
      waiting.sends.push(...next.sends);
      return waiting;
    },
    (rounds) => this.insertRound(rounds),
    { maxInFlight: 2, maxBatch: MAX_BATCH },
  );
  private claimsWaiting: PendingClaim[] = [];
  private claimsInFlight = false;

  constructor(
    @InjectModel(Message.name) private readonly messages: Model<Message>,
    @InjectModel(MessageClaim.name) private readonly claims: Model<MessageClaim>,
    private readonly hints: SeqHints,
  ) {}

  /** Claims a clientMessageId for a new message id; returns the id of an earlier claim if there is one. */
  async claim(
    key: string,
    messageId: Types.ObjectId,
  ): Promise<{ won: true } | { won: false; messageId: Types.ObjectId; claimedAt: Date }> {
    if (await this.insertClaim({ _id: key, messageId, claimedAt: new Date() })) {
      return { won: true };
    }
    const existing = await this.claims.collection.findOne({ _id: key } as never);
    if (!existing) {
      return this.claim(key, messageId);
    }
    return {
      won: false,
      messageId: existing.messageId as Types.ObjectId,
      claimedAt: existing.claimedAt as Date,
    };
  }

  /**
   * True when this claim went in, false when its key was taken. Claims that arrive while an insert runs are
   * stored together by the next one (an unordered insertMany: each document succeeds or fails on its own),
   * so concurrent sends share one database write instead of queueing for the write lock one by one.
   */
  private insertClaim(doc: PendingClaim['doc']): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.claimsWaiting.push({ doc, resolve, reject });
      if (!this.claimsInFlight) {
        void this.insertClaims();
      }
    });
  }

  private async insertClaims(): Promise<void> {
    this.claimsInFlight = true;
    while (this.claimsWaiting.length > 0) {
      const batch = this.claimsWaiting.splice(0, MAX_BATCH);
      try {
        await this.claims.collection.insertMany(
          batch.map((pending) => pending.doc as never),
          { ordered: false },
        );
        batch.forEach((pending) => pending.resolve(true));
      } catch (error) {
        const failed = new Map(writeErrorsOf(error).map((e) => [e.index, e]));
        batch.forEach((pending, index) => {
          const failure = failed.get(index);
          if (!failure) {
            // A failure without per-document errors (connection lost) fails every claim of the batch.
            return failed.size > 0 ? pending.resolve(true) : pending.reject(error);
          }
          return isDuplicateKeyError(failure) ? pending.resolve(false) : pending.reject(error);
        });
      }
    }
    this.claimsInFlight = false;
  }

  /** Takes over a stale claim (its sender died before storing the message); true when this call won it. */
  async takeOverClaim(
    key: string,
    staleMessageId: Types.ObjectId,
    messageId: Types.ObjectId,
  ): Promise<boolean> {
    const result = await this.claims.collection.updateOne({ _id: key, messageId: staleMessageId } as never, {
      $set: { messageId, claimedAt: new Date() },
    });
    return result.modifiedCount === 1;
  }

  /**
   * Stores a message under the conversation's next seq. The seq is taken by the insert itself: the unique
   * (conversationId, seq) index admits exactly one message per seq, so a seq is used only by a stored
   * message (no gaps from failed or duplicate sends) and two instances racing for one seq make the loser
   * retry with the next. A counter document with `$inc` would be cheaper, but FerretDB v1 applies
   * concurrent `$inc`s non-atomically. A conversation's sends are stored by one insert round at a time in
   * this process (seqs in arrival order), and the sends of every conversation that queue up while the
   * running rounds store theirs go out together in one ordered insertMany, so retries only happen between
   * instances and a burst across conversations costs one round trip. The first send of a conversation in this process starts
   * after `floor()` (the seq recorded on the conversation, read by `_id`) instead of looking for the
   * highest stored seq; seqs have no gaps, so a floor that lags behind conflicts and is corrected by the
   * retry. `inserted: false` when the sender's clientMessageId was stored meanwhile (its claim was taken
   * over from a sender that turned out slow, not dead): that message is returned.
   */
  insertWithNextSeq(
    conversationId: string,
    build: (seq: number) => MessageRecord,
    floor: () => Promise<number>,
  ): Promise<Inserted> {
    return new Promise((resolve, reject) => {
      this.inserts
        .write(conversationId, { conversationId, sends: [{ build, floor, resolve, reject }] })
        .catch(reject);
    });
  }

  /** Stores one round; settles every send itself (a send already settled ignores a later rejection). */
  private async insertRound(rounds: ConversationSends[]): Promise<Outcomes> {
    const groups = await Promise.all(
      rounds.map(async ({ conversationId, sends }): Promise<SeqGroup | null> => {
        try {
          const last = this.lastSeq.get(conversationId) ?? (await sends[0].floor());
          return { conversationId, sends, next: last + 1, attempts: 0 };
        } catch (error) {
          sends.forEach((pending) => pending.reject(error));
          return null;
        }
      }),
    );
    let remaining = groups.filter((group): group is SeqGroup => group !== null);
    while (remaining.length > 0) {
      remaining = await this.insertGroups(remaining);
    }
    return rounds.map(() => undefined);
  }

  /** One ordered insertMany of the groups' sends; returns the groups to try again. */
  private async insertGroups(groups: SeqGroup[]): Promise<SeqGroup[]> {
    const records = groups.map((group) =>
      group.sends.map((pending, index) => pending.build(group.next + index)),
    );
    try {
      await this.messages.collection.insertMany(records.flat(), { ordered: true });
      await this.stored(groups, records);
      return [];
    } catch (error) {
      // An ordered insert stops at the first failure: the groups before it went in whole.
      const failure = writeErrorsOf(error)[0];
      const failedAt = failure?.index;
      let at = failedAt ?? 0;
      let failed = 0;
      while (failed < groups.length && at >= records[failed].length) {
        at -= records[failed].length;
        failed += 1;
      }
      await this.stored(groups.slice(0, failed), records.slice(0, failed));
      if (failedAt === undefined || failed === groups.length) {
        // The command failed as a whole (connection lost): what went in anyway is found by clientMessageId.
        await Promise.all(groups.map((group, index) => this.fail(group, records[index], error)));
        return [];
      }
      if (!isDuplicateKeyError(failure)) {
        // One document was refused: its conversation's sends fail, the groups after it were not tried.
        await this.fail(groups[failed], records[failed], error);
        return groups.slice(failed + 1);
      }
      // The rest of the failed group conflicted with another instance's seq; later groups were not tried.
      const retry = groups.slice(failed + 1);
      const group = groups[failed];
      const rest = await this.settleConflict(group.sends, records[failed], at);
      if (rest.length > 0 && group.attempts + 1 >= MAX_SEQ_ATTEMPTS) {
        this.lastSeq.delete(group.conversationId);
        rest.forEach((pending) => pending.reject(error));
      } else if (rest.length > 0) {
        retry.unshift({
          ...group,
          sends: rest,
          next: await this.seqAfterConflict(group, at),
          attempts: group.attempts + 1,
        });
      }
      return retry;
    }
  }

  private async fail(group: SeqGroup, records: MessageRecord[], error: unknown): Promise<void> {
    this.lastSeq.delete(group.conversationId);
    const unsettled = await this.settle(group.sends, records);
    unsettled.forEach((pending) => pending.reject(error));
  }

  /** Groups stored whole: their seqs are remembered and shared with other instances before the sends are acked. */
  private async stored(groups: SeqGroup[], records: MessageRecord[][]): Promise<void> {
    await Promise.all(
      groups.map((group, index) => {
        const last = group.next + records[index].length - 1;
        this.rememberSeq(group.conversationId, last);
        return this.hints.raise(group.conversationId, last);
      }),
    );
    groups.forEach((group, index) =>
      group.sends.forEach((pending, i) => pending.resolve({ record: records[index][i], inserted: true })),
    );
  }

  /**
   * Another instance took the seq and raised the shared hint before acking; only without a hint past the
   * conflict is the highest stored seq looked up.
   */
  private async seqAfterConflict(group: SeqGroup, failedAt: number): Promise<number> {
    const hint = await this.hints.get(group.conversationId);
    const past = hint !== null && hint >= group.next + failedAt;
    return (past ? hint : await this.maxSeq(group.conversationId)) + 1;
  }

  /** Resolves the sends of a failed batch that were stored (or stored meanwhile elsewhere); returns the rest. */
  private async settle(batch: PendingInsert[], records: MessageRecord[]): Promise<PendingInsert[]> {
    const stored = await this.messages.collection
      .find({
        $or: records.map((record) => ({
          senderId: record.senderId,
          clientMessageId: record.clientMessageId,
        })),
      })
      .toArray();
    const byClientId = new Map(stored.map((row) => [`${String(row.senderId)}:${row.clientMessageId}`, row]));
    return batch.filter((pending, index) => {
      const record = records[index];
      const found = byClientId.get(`${record.senderId.toHexString()}:${record.clientMessageId}`);
      if (found) {
        const inserted = found._id.equals(record._id);
        pending.resolve({ record: inserted ? record : (found as MessageRecord), inserted });
      }
      return !found;
    });
  }

  /**
   * After a duplicate-key conflict at `failedAt`: the sends before it are stored; the one at it collided
   * either on its seq (it retries) or on its clientMessageId, stored meanwhile under a claim taken over from
   * it (it returns that message). Decided by `_id` lookups only. Returns the sends still to store.
   */
  private async settleConflict(
    batch: PendingInsert[],
    records: MessageRecord[],
    failedAt: number,
  ): Promise<PendingInsert[]> {
    batch
      .slice(0, failedAt)
      .forEach((pending, index) => pending.resolve({ record: records[index], inserted: true }));
    const rest = batch.slice(failedAt);
    const claim = await this.claims.collection.findOne({
      _id: claimKey(records[failedAt].senderId.toHexString(), records[failedAt].clientMessageId),
    } as never);
    const owner = claim?.messageId as Types.ObjectId | undefined;
    const stored =
      owner && !owner.equals(records[failedAt]._id) ? await this.findById(owner.toHexString()) : null;
    if (stored) {
      rest[0].resolve({ record: stored, inserted: false });
      return rest.slice(1);
    }
    return rest;
  }

  private async maxSeq(conversationId: string): Promise<number> {
    const [last] = await this.messages.collection
      .find({ conversationId: oid(conversationId) }, { projection: { seq: 1 } })
      .sort({ seq: -1 })
      .limit(1)
      .toArray();
    return (last?.seq as number | undefined) ?? 0;
  }

  private rememberSeq(conversationId: string, seq: number): void {
    if (this.lastSeq.size >= SEQ_CACHE_SIZE) {
      this.lastSeq.clear();
    }
    this.lastSeq.set(conversationId, seq);
  }

  findById(id: string): Promise<MessageRecord | null> {
    return this.messages.collection.findOne({ _id: oid(id) }) as Promise<MessageRecord | null>;
  }

  /** By `_id` alone (FerretDB answers no other filter without a scan), then checked against the conversation. */
  async findInConversation(conversationId: string, messageId: string): Promise<MessageRecord | null> {
    const message = await this.findById(messageId);
    return message?.conversationId.toHexString() === conversationId.toLowerCase() ? message : null;
  }

  /** A page of history in ascending seq order: the newest `limit` before `before`, or the first after `after`. */
  async page(
    conversationId: string,
    range: { before?: number; after?: number },
    limit: number,
  ): Promise<MessageRecord[]> {
    const seq =
      range.after !== undefined
        ? { $gt: range.after }
        : range.before !== undefined
          ? { $lt: range.before }
          : undefined;
    const ascending = range.after !== undefined;
    const rows = (await this.messages.collection
      .find({ conversationId: oid(conversationId), ...(seq ? { seq } : {}) })
      .sort({ seq: ascending ? 1 : -1 })
      .limit(limit)
      .toArray()) as MessageRecord[];
    return ascending ? rows : rows.reverse();
  }

  /** Changes of a conversation after a change position, oldest first. */
  changesAfter(conversationId: string, changeSeq: number, limit: number): Promise<MessageRecord[]> {
    return this.messages.collection
      .find({ conversationId: oid(conversationId), changeSeq: { $gt: changeSeq } })
      .sort({ changeSeq: 1 })
      .limit(limit)
      .toArray() as Promise<MessageRecord[]>;
  }

  /**
   * Applies a change to a message and moves its change position forward ($max: a racing older change never
   * moves it back). Null when the guard does not match.
   */
  async change(
    messageId: string,
    guard: Filter<Document>,
    changeSeq: number,
    update: Pick<UpdateFilter<Document>, '$set' | '$addToSet' | '$pull'>,
  ): Promise<MessageRecord | null> {
    const result = await this.messages.collection.findOneAndUpdate(
      { _id: oid(messageId), ...guard },
      { ...update, $set: { ...update.$set, changedAt: new Date() }, $max: { changeSeq } },
      { returnDocument: 'after' },
    );
    return result as MessageRecord | null;
  }

  addReaction(messageId: string, reaction: StoredReaction, changeSeq: number): Promise<MessageRecord | null> {
    return this.change(messageId, { deletedAt: null }, changeSeq, { $addToSet: { reactions: reaction } });
  }

  removeReaction(
    messageId: string,
    reaction: StoredReaction,
    changeSeq: number,
  ): Promise<MessageRecord | null> {
    return this.change(messageId, {}, changeSeq, { $pull: { reactions: reaction } as never });
  }
}
