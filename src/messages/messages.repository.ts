import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Document, Filter, UpdateFilter } from 'mongodb';
import { Model, Types } from 'mongoose';
import { isDuplicateKeyError } from '../users/users.repository';
import { Message, MessageClaim, StoredReaction } from './message.schema';
import { KeyedQueue } from '../common/concurrency/keyed-queue';
import { writeErrorsOf } from '../common/database/write-errors';
import { MessageRecord } from './message.response';
import { SeqHints } from './seq-hints';

const oid = (id: string) => new Types.ObjectId(id);
/** A clientMessageId is claimed per sender. */
export const claimKey = (senderId: string, clientMessageId: string) => `${senderId}:${clientMessageId}`;
const MAX_SEQ_ATTEMPTS = 20;
const SEQ_CACHE_SIZE = 50_000;
// Sends of one conversation stored by one insertMany at most.
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

/** Persistence of messages. Raw driver calls on the send path: no document hydration per message. */
@Injectable()
export class MessagesRepository {
  private readonly queue = new KeyedQueue();
  private readonly lastSeq = new Map<string, number>();
  private readonly waiting = new Map<string, PendingInsert[]>();
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
   * concurrent `$inc`s non-atomically. Sends of one conversation are queued in this process and the ones
   * that queue up while an insert runs are stored together by one ordered insertMany (seqs in arrival order),
   * so retries only happen between instances. The first send of a conversation in this process starts
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
      const waiting = this.waiting.get(conversationId);
      if (waiting) {
        waiting.push({ build, floor, resolve, reject });
        return;
      }
      this.waiting.set(conversationId, [{ build, floor, resolve, reject }]);
      void this.queue.run(conversationId, () => this.insertBatch(conversationId));
    });
  }

  private async insertBatch(conversationId: string): Promise<void> {
    const waiting = this.waiting.get(conversationId)!;
    let batch = waiting.splice(0, MAX_BATCH);
    if (waiting.length === 0) {
      this.waiting.delete(conversationId);
    } else {
      void this.queue.run(conversationId, () => this.insertBatch(conversationId));
    }
    try {
      let next = (this.lastSeq.get(conversationId) ?? (await batch[0].floor())) + 1;
      for (let attempt = 1; batch.length > 0; attempt += 1) {
        const records = batch.map((pending, index) => pending.build(next + index));
        try {
          await this.messages.collection.insertMany(records, { ordered: true });
          this.rememberSeq(conversationId, next + records.length - 1);
          await this.hints.raise(conversationId, next + records.length - 1);
          batch.forEach((pending, index) => pending.resolve({ record: records[index], inserted: true }));
          return;
        } catch (error) {
          // An ordered insert stops at the first conflict: what went in keeps its seq, the rest retries.
          const failedAt = writeErrorsOf(error)[0]?.index;
          if (!isDuplicateKeyError(error) || failedAt === undefined) {
            batch = await this.settle(batch, records);
            throw error;
          }
          batch = await this.settleConflict(batch, records, failedAt);
          if (attempt >= MAX_SEQ_ATTEMPTS) {
            throw error;
          }
          // Another instance took the seq and raised the shared hint before acking; only without a hint past
          // the conflict is the highest stored seq looked up.
          const hint = await this.hints.get(conversationId);
          next = (hint !== null && hint >= next + failedAt ? hint : await this.maxSeq(conversationId)) + 1;
        }
      }
    } catch (error) {
      this.lastSeq.delete(conversationId);
      batch.forEach((pending) => pending.reject(error));
    }
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
