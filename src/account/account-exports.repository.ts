import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Binary } from 'mongodb';
import { Model, Types } from 'mongoose';
import { AccountExport, ExportChunk, ExportState } from './account-export.schema';

export type AccountExportRecord = AccountExport & { _id: Types.ObjectId };

const oid = (id: string) => new Types.ObjectId(id);
const chunkId = (exportId: string, n: number) => `${exportId}:${n}`;

@Injectable()
export class AccountExportsRepository {
  constructor(
    @InjectModel(AccountExport.name) private readonly exports: Model<AccountExport>,
    @InjectModel(ExportChunk.name) private readonly chunks: Model<ExportChunk>,
  ) {}

  async create(userId: string): Promise<AccountExportRecord> {
    const record: AccountExportRecord = {
      _id: new Types.ObjectId(),
      userId: oid(userId),
      state: ExportState.Pending,
      requestedAt: new Date(),
      readyAt: null,
      expiresAt: null,
      bytes: 0,
      chunks: 0,
    };
    await this.exports.collection.insertOne(record);
    return record;
  }

  findById(id: string): Promise<AccountExportRecord | null> {
    return this.exports.findById(id).lean<AccountExportRecord>().exec();
  }

  /** The user's newest export. */
  async latestOf(userId: string): Promise<AccountExportRecord | null> {
    const [latest] = await this.exports
      .find({ userId: oid(userId) })
      .sort({ requestedAt: -1, _id: -1 })
      .limit(1)
      .lean<AccountExportRecord[]>()
      .exec();
    return latest ?? null;
  }

  /** Stores the archive in chunks; rewriting the same export (a retried job) overwrites them. */
  async writeArchive(exportId: string, archive: Buffer, chunkBytes: number): Promise<number> {
    const count = Math.max(1, Math.ceil(archive.length / chunkBytes));
    for (let n = 0; n < count; n++) {
      const data = new Binary(archive.subarray(n * chunkBytes, (n + 1) * chunkBytes));
      await this.chunks.collection.replaceOne(
        { _id: chunkId(exportId, n) as never },
        { exportId: oid(exportId), data },
        { upsert: true },
      );
    }
    return count;
  }

  async readArchive(exportId: string, count: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    for (let n = 0; n < count; n++) {
      const chunk = await this.chunks.collection.findOne({ _id: chunkId(exportId, n) as never });
      if (!chunk) {
        throw new Error(`Export ${exportId} is missing chunk ${n}`);
      }
      parts.push(Buffer.from((chunk.data as Binary).buffer));
    }
    return Buffer.concat(parts);
  }

  /** Moves a pending export to ready (or failed); a finished export is left as it is. */
  async finish(
    exportId: string,
    fields: Pick<AccountExport, 'state' | 'readyAt' | 'expiresAt' | 'bytes' | 'chunks'>,
  ): Promise<AccountExportRecord | null> {
    return this.exports
      .findOneAndUpdate({ _id: oid(exportId), state: ExportState.Pending }, { $set: fields }, { new: true })
      .lean<AccountExportRecord>()
      .exec();
  }

  /** Deletes the archive and marks the export expired. */
  async expire(exportId: string): Promise<void> {
    await this.chunks.deleteMany({ exportId: oid(exportId) }).exec();
    await this.exports
      .updateOne({ _id: oid(exportId) }, { $set: { state: ExportState.Expired, bytes: 0, chunks: 0 } })
      .exec();
  }

  /** Account deletion: every export of the user and its archive. */
  async deleteAllOf(userId: string): Promise<void> {
    const ids = (
      await this.exports
        .find({ userId: oid(userId) }, { _id: 1 })
        .lean()
        .exec()
    ).map((e) => e._id);
    if (ids.length > 0) {
      await this.chunks.deleteMany({ exportId: { $in: ids } }).exec();
      await this.exports.deleteMany({ _id: { $in: ids } }).exec();
    }
  }
}
