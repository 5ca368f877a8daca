import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { AnyBulkWriteOperation } from 'mongodb';
import { Model, Types } from 'mongoose';
import { batchLoader } from '../common/concurrency/batch-loader';
import { GroupCommitWriter, keepHighest } from '../common/concurrency/group-commit-writer';
import { KeyedQueue } from '../common/concurrency/keyed-queue';
import { byIds } from '../common/database/by-ids';
import { bulkWriteEach } from '../common/database/write-errors';
import { DeliveryPointers } from './delivery-pointers.schema';

/** One conversation's delivered pointers: user id -> seq and when the last delivery reached the user. */
export interface Deliveries {
  seqs: Readonly<Record<string, number>>;
  at: Readonly<Record<string, Date>>;
}

const NONE: Deliveries = { seqs: {}, at: {} };
const oid = (id: string) => new Types.ObjectId(id);

/**
 * Delivered pointers, one document per conversation. Writes are `$max` by `_id` (forward-only), queued per
 * conversation in this process (FerretDB v1 applies a `$max` as read-then-write) and group-committed: the
 * deliveries of a burst of messages cost one update, and those of every conversation waiting meanwhile one
 * bulk write.
 */
@Injectable()
export class DeliveryPointersRepository {
  private readonly writes = new KeyedQueue();
  private readonly pending = new GroupCommitWriter<{ conversationId: string; seqs: Map<string, number> }>(
    this.writes,
    (waiting, next) => ({
      conversationId: waiting.conversationId,
      seqs: keepHighest(waiting.seqs, next.seqs),
    }),
    (values) =>
      bulkWriteEach(
        this.pointers.collection,
        values.map(({ conversationId, seqs }) => [deliveredUpTo(conversationId, seqs)]),
      ),
  );
  private readonly byConversation = batchLoader<string, Deliveries>(
    async (conversationIds) => {
      const rows = await this.pointers
        .find(byIds(conversationIds.map(oid)))
        .lean<DeliveryPointers[]>()
        .exec();
      return new Map(rows.map((row) => [row._id.toHexString(), { seqs: row.seqs ?? {}, at: row.at ?? {} }]));
    },
    () => NONE,
  );

  constructor(@InjectModel(DeliveryPointers.name) private readonly pointers: Model<DeliveryPointers>) {}

  /** These users have the conversation's messages up to `seq` on a device. */
  record(conversationId: string, userIds: readonly string[], seq: number): Promise<void> {
    return this.pending.write(conversationId, {
      conversationId,
      seqs: new Map(userIds.map((userId) => [userId, seq])),
    });
  }

  of(conversationId: string): Promise<Deliveries> {
    return this.byConversation.load(conversationId);
  }

  /** Which of these conversations had a delivered pointer move after `since`. */
  async changedSince(conversationIds: readonly string[], since: Date): Promise<string[]> {
    const rows = await this.pointers.collection
      .find({ _id: { $in: conversationIds.map(oid) }, updatedAt: { $gt: since } }, { projection: { _id: 1 } })
      .toArray();
    return rows.map((row) => row._id.toHexString());
  }
}

/** Forward-only (`$max`) delivered pointers of some users; creates the conversation's document if needed. */
function deliveredUpTo(conversationId: string, seqs: ReadonlyMap<string, number>): AnyBulkWriteOperation {
  const now = new Date();
  const max: Record<string, number | Date> = {};
  seqs.forEach((seq, userId) => {
    max[`seqs.${userId}`] = seq;
    max[`at.${userId}`] = now;
  });
  return {
    updateOne: {
      filter: { _id: oid(conversationId) },
      update: { $max: max, $set: { updatedAt: now } },
      upsert: true,
    },
  };
}
