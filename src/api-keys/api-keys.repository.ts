import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { ApiKey } from './api-key.schema';

export type ApiKeyRecord = ApiKey & { _id: Types.ObjectId };

@Injectable()
export class ApiKeysRepository {
  constructor(@InjectModel(ApiKey.name) private readonly keys: Model<ApiKey>) {}

  async insert(record: ApiKeyRecord): Promise<void> {
    await this.keys.collection.insertOne(record);
  }

  /** Read on every request made with the key: by `_id`, never cached, so a revocation holds at once. */
  findById(id: string): Promise<ApiKeyRecord | null> {
    return this.keys.findById(new Types.ObjectId(id)).lean<ApiKeyRecord>().exec();
  }

  list(limit: number): Promise<ApiKeyRecord[]> {
    return this.keys.find().sort({ createdAt: -1, _id: -1 }).limit(limit).lean<ApiKeyRecord[]>().exec();
  }

  /** Revokes a live key; null when there is no such key or it was revoked already. */
  revoke(id: string, at: Date): Promise<ApiKeyRecord | null> {
    return this.keys
      .findOneAndUpdate(
        { _id: new Types.ObjectId(id), revokedAt: null },
        { $set: { revokedAt: at } },
        { new: true },
      )
      .lean<ApiKeyRecord>()
      .exec();
  }

  /**
   * Moves `lastUsedAt` to `at` unless it is after `notAfter`: of the instances that see a key used within
   * the same minute, at most one writes.
   */
  async touch(id: string, at: Date, notAfter: Date): Promise<void> {
    await this.keys
      .updateOne(
        { _id: new Types.ObjectId(id), $or: [{ lastUsedAt: null }, { lastUsedAt: { $lte: notAfter } }] },
        { $set: { lastUsedAt: at } },
      )
      .exec();
  }
}
