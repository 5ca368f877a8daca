import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { byIds } from '../common/database/by-ids';
import { isDuplicateKeyError } from '../common/database/write-errors';
import { AuditRecord } from './audit-record.schema';

export type AuditRecordRow = AuditRecord & { _id: Types.ObjectId };

/** Filters of GET /admin/audit; `from` and `to` are inclusive. */
export interface AuditFilter {
  actorId?: string;
  action?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
}

/** The audit log's storage: insert and the retention delete; nothing updates a record. */
@Injectable()
export class AuditRepository {
  constructor(@InjectModel(AuditRecord.name) private readonly records: Model<AuditRecord>) {}

  /**
   * Inserts a record under its own `_id`, chosen when it was made, so a retry of a write that went through
   * unseen (its answer lost) finds it stored and changes nothing. Any other refusal is thrown.
   */
  async insert(record: AuditRecordRow): Promise<void> {
    try {
      await this.records.collection.insertOne(record);
    } catch (error) {
      if (isDuplicateKeyError(error) && (await this.records.exists({ _id: record._id }))) {
        return;
      }
      throw error;
    }
  }

  /** Records matching `filter`, newest first (`at`, then `_id`), after the cursor's key when given. */
  page(
    filter: AuditFilter,
    after: { at: Date; id: string } | undefined,
    limit: number,
  ): Promise<AuditRecordRow[]> {
    const query: Record<string, unknown> = {};
    if (filter.actorId !== undefined) {
      query.actorId = new Types.ObjectId(filter.actorId);
    }
    if (filter.action !== undefined) {
      query.action = filter.action;
    }
    if (filter.targetId !== undefined) {
      query.targetId = filter.targetId;
    }
    if (filter.from !== undefined || filter.to !== undefined) {
      query.at = {
        ...(filter.from !== undefined ? { $gte: filter.from } : {}),
        ...(filter.to !== undefined ? { $lte: filter.to } : {}),
      };
    }
    if (after) {
      query.$or = [{ at: { $lt: after.at } }, { at: after.at, _id: { $lt: new Types.ObjectId(after.id) } }];
    }
    return this.records.find(query).sort({ at: -1, _id: -1 }).limit(limit).lean<AuditRecordRow[]>().exec();
  }

  /** Deletes up to `limit` records made before `cutoff`; answers how many went. */
  async deleteBefore(cutoff: Date, limit: number): Promise<number> {
    const expired = await this.records
      .find({ at: { $lt: cutoff } }, { _id: 1 })
      .limit(limit)
      .lean<Array<{ _id: Types.ObjectId }>>()
      .exec();
    if (expired.length === 0) {
      return 0;
    }
    const result = await this.records.collection.deleteMany(byIds(expired.map((row) => row._id)));
    return result.deletedCount;
  }
}
