import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Document, Filter, UpdateFilter } from 'mongodb';
import { Model, Types } from 'mongoose';
import { MessageRecord } from './message.response';
import { Message, StoredReaction } from './message.schema';

const oid = (id: string) => new Types.ObjectId(id);

/**
 * Stored messages: lookups, history pages, sync's changes, and the changes made to a message (edits,
 * deletes, reactions). New messages are stored by MessageInsertsRepository.
 */
@Injectable()
export class MessagesRepository {
  constructor(@InjectModel(Message.name) private readonly messages: Model<Message>) {}

  async hasSeq(conversationId: string, seq: number): Promise<boolean> {
    const found = await this.messages.collection.findOne(
      { conversationId: oid(conversationId), seq },
      { projection: { _id: 1 } },
    );
    return found !== null;
  }

  findById(id: string): Promise<MessageRecord | null> {
    return this.messages.collection.findOne({ _id: oid(id) }) as Promise<MessageRecord | null>;
  }

  /** By `_id` alone (FerretDB answers no other filter without a scan), then checked against the conversation. */
  async findInConversation(conversationId: string, messageId: string): Promise<MessageRecord | null> {
    const message = await this.findById(messageId);
    return message?.conversationId.toHexString() === conversationId ? message : null;
  }

  /** When the conversation's messages at these seqs were sent (seq -> createdAt); missing seqs are left out. */
  async sentTimes(conversationId: string, seqs: readonly number[]): Promise<Map<number, Date>> {
    const rows = seqs.length
      ? await this.messages.collection
          .find(
            { conversationId: oid(conversationId), seq: { $in: [...seqs] } },
            { projection: { _id: 0, seq: 1, createdAt: 1 } },
          )
          .toArray()
      : [];
    return new Map(rows.map((row) => [row.seq as number, row.createdAt as Date]));
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

  /**
   * Changes after each conversation's change position (conversation id -> position), oldest first across
   * the conversations. Conversations at the same position (most are: a finished sync pass leaves them at
   * one floor) share a clause, so a sync is one query however many conversations its user is in: an index
   * range per conversation merged by position on MongoDB, one scan instead of one per conversation on
   * FerretDB.
   */
  async changesAfter(positions: Readonly<Record<string, number>>, limit: number): Promise<MessageRecord[]> {
    const byPosition = new Map<number, Types.ObjectId[]>();
    for (const [conversationId, position] of Object.entries(positions)) {
      const atPosition = byPosition.get(position) ?? [];
      atPosition.push(oid(conversationId));
      byPosition.set(position, atPosition);
    }
    const clauses = [...byPosition].map(([position, conversationIds]) => ({
      conversationId: { $in: conversationIds },
      changeSeq: { $gt: position },
    }));
    if (clauses.length === 0) {
      return [];
    }
    return (await this.messages.collection
      .find(clauses.length === 1 ? clauses[0] : { $or: clauses })
      .sort({ changeSeq: 1 })
      .limit(limit)
      .toArray()) as MessageRecord[];
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

  /** The sender's messages after `afterId`, oldest first (by id); the sender index narrows it on MongoDB. */
  async bySender(senderId: string, afterId: string | undefined, limit: number): Promise<MessageRecord[]> {
    return (await this.messages.collection
      .find({ senderId: oid(senderId), ...(afterId ? { _id: { $gt: oid(afterId) } } : {}) })
      .sort({ _id: 1 })
      .limit(limit)
      .toArray()) as MessageRecord[];
  }

  /**
   * A page of a conversation's messages after `afterSeq` (by seq), ids and reactions only. Account erasure
   * looks through them for a user's reactions: FerretDB v1 cannot query into arrays of documents.
   */
  async reactionsPage(
    conversationId: string,
    afterSeq: number,
    limit: number,
  ): Promise<Array<Pick<MessageRecord, '_id' | 'seq' | 'reactions'>>> {
    return (await this.messages.collection
      .find({ conversationId: oid(conversationId), seq: { $gt: afterSeq } })
      .project({ _id: 1, seq: 1, reactions: 1 })
      .sort({ seq: 1 })
      .limit(limit)
      .toArray()) as Array<Pick<MessageRecord, '_id' | 'seq' | 'reactions'>>;
  }

  /** A page of a conversation's messages after `afterSeq`, in seq order (the search re-index walks them). */
  async pageAfter(conversationId: string, afterSeq: number, limit: number): Promise<MessageRecord[]> {
    return (await this.messages.collection
      .find({ conversationId: oid(conversationId), seq: { $gt: afterSeq } })
      .sort({ seq: 1 })
      .limit(limit)
      .toArray()) as MessageRecord[];
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
