import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { isDuplicateKeyError } from '../../common/database/write-errors';
import { CallRecord, CallRecordDocument } from './call-record.schema';

const oid = (id: string) => new Types.ObjectId(id);

/** Where a page of calls starts: after the call started at `at` with id `id` (newest first). */
export interface CallPosition {
  at: Date;
  id: string;
}

/** The stored call history. */
@Injectable()
export class CallRecordsRepository {
  constructor(@InjectModel(CallRecord.name) private readonly records: Model<CallRecord>) {}

  /** Stores the record unless it exists: a record never changes once written (but for its message id). */
  async insertOnce(record: CallRecordDocument): Promise<void> {
    try {
      await this.records.collection.insertOne(record);
    } catch (error) {
      if (!isDuplicateKeyError(error)) {
        throw error;
      }
    }
  }

  async setMessageId(callId: string, messageId: string): Promise<void> {
    await this.records.collection.updateOne({ _id: oid(callId) }, { $set: { messageId: oid(messageId) } });
  }

  /** The calls the user was part of (started, was rung for or joined). */
  ofUser(userId: string, after: CallPosition | undefined, limit: number): Promise<CallRecordDocument[]> {
    return this.page({ userIds: userId }, after, limit);
  }

  ofConversation(
    conversationId: string,
    after: CallPosition | undefined,
    limit: number,
  ): Promise<CallRecordDocument[]> {
    return this.page({ conversationId: oid(conversationId) }, after, limit);
  }

  private page(
    filter: Record<string, unknown>,
    after: CallPosition | undefined,
    limit: number,
  ): Promise<CallRecordDocument[]> {
    const query = after
      ? {
          ...filter,
          $or: [{ startedAt: { $lt: after.at } }, { startedAt: after.at, _id: { $lt: oid(after.id) } }],
        }
      : filter;
    return this.records
      .find(query)
      .sort({ startedAt: -1, _id: -1 })
      .limit(limit)
      .lean<CallRecordDocument[]>()
      .exec();
  }
}
