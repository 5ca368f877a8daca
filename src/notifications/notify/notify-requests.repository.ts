import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { isDuplicateKeyError } from '../../common/database/write-errors';
import { NotifyStatus } from './notify.dto';
import { NotifyRequest } from './notify-request.schema';

export type NotifyRequestRecord = NotifyRequest & { _id: Types.ObjectId };

/**
 * A request's id: the first 12 bytes of SHA-256(API key id, idempotency key). Resends of one request land
 * on one `_id`, whichever instance takes them; 96 bits make a collision of two different requests
 * unexpected in a deployment's life, and one would be refused (the stored keys are compared), never merged.
 */
export function notifyRequestIdFor(apiKeyId: string, idempotencyKey: string): Types.ObjectId {
  const digest = createHash('sha256').update(`${apiKeyId}:${idempotencyKey}`).digest();
  return new Types.ObjectId(digest.subarray(0, 12));
}

@Injectable()
export class NotifyRequestsRepository {
  constructor(@InjectModel(NotifyRequest.name) private readonly requests: Model<NotifyRequest>) {}

  /** Inserts the request; false when one with its `_id` exists (a resend, or a concurrent send, won). */
  async insert(record: NotifyRequestRecord): Promise<boolean> {
    try {
      await this.requests.collection.insertOne(record);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        return false;
      }
      throw error;
    }
  }

  findById(id: Types.ObjectId): Promise<NotifyRequestRecord | null> {
    return this.requests.findById(id).lean<NotifyRequestRecord>().exec();
  }

  async markProcessing(id: Types.ObjectId): Promise<void> {
    await this.requests
      .updateOne({ _id: id, status: NotifyStatus.Queued }, { $set: { status: NotifyStatus.Processing } })
      .exec();
  }

  /**
   * Counts a batch done with the recipients it delivered to, once: a batch already counted (its job ran
   * again after a crash or a retry) matches nothing. The request completes with its last batch.
   */
  async completeBatch(id: Types.ObjectId, batch: number, delivered: number): Promise<void> {
    const counted = await this.requests
      .findOneAndUpdate(
        { _id: id, doneBatches: { $ne: batch } },
        { $push: { doneBatches: batch }, $inc: { delivered } },
        // No projection: FerretDB v1's findAndModify has none.
        { new: true },
      )
      .lean<Pick<NotifyRequestRecord, 'doneBatches' | 'batches'>>()
      .exec();
    if (counted && counted.doneBatches.length >= counted.batches) {
      await this.requests
        .updateOne(
          { _id: id, status: { $ne: NotifyStatus.Completed } },
          { $set: { status: NotifyStatus.Completed, completedAt: new Date() } },
        )
        .exec();
    }
  }
}
