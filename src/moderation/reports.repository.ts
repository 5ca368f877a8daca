import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { isDuplicateKeyError } from '../common/database/write-errors';
import { Report, ReportReason, ReportRecord, ReportStatus, StoredResolution } from './report.schema';

const oid = (id: string) => new Types.ObjectId(id);

/** A page position: the last row's sort time (createdAt, or resolvedAt for resolved reports) and id. */
export interface ReportPosition {
  at: Date;
  id: string;
}

/** Stored reports: the only code touching the `reports` collection. */
@Injectable()
export class ReportsRepository {
  constructor(@InjectModel(Report.name) private readonly reports: Model<Report>) {}

  /** False when the reporter already has an open report on the target (the `openKey` index refused it). */
  async insert(report: ReportRecord): Promise<boolean> {
    try {
      await this.reports.collection.insertOne(report);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        return false;
      }
      throw error;
    }
  }

  findById(id: string): Promise<ReportRecord | null> {
    return this.reports.collection.findOne({ _id: oid(id) }) as Promise<ReportRecord | null>;
  }

  /**
   * Resolves the report if it is still open (null otherwise). Atomic on MongoDB; FerretDB v1 reads then
   * writes, so callers hold the report's lock (ReportLocks) around it.
   */
  async resolveIfOpen(id: string, resolution: StoredResolution, at: Date): Promise<ReportRecord | null> {
    return (await this.reports.collection.findOneAndUpdate(
      { _id: oid(id), status: ReportStatus.Open },
      { $set: { status: ReportStatus.Resolved, openKey: id, resolvedAt: at, resolution } },
      { returnDocument: 'after' },
    )) as ReportRecord | null;
  }

  /** Undoes `resolveIfOpen` when its action failed, unless the reporter meanwhile reported the target again. */
  async reopen(report: ReportRecord): Promise<void> {
    try {
      await this.reports.collection.updateOne(
        { _id: report._id, status: ReportStatus.Resolved },
        { $set: { status: ReportStatus.Open, openKey: report.openKey, resolvedAt: null, resolution: null } },
      );
    } catch (error) {
      if (!isDuplicateKeyError(error)) {
        throw error;
      }
    }
  }

  /** Ids of the open reports on a target. */
  async openOn(targetKey: string): Promise<Types.ObjectId[]> {
    const rows = await this.reports.collection
      .find({ targetKey, status: ReportStatus.Open }, { projection: { _id: 1 } })
      .toArray();
    return rows.map((row) => row._id);
  }

  /** How many open reports each of these targets has. */
  async openCounts(targetKeys: readonly string[]): Promise<Map<string, number>> {
    const rows = targetKeys.length
      ? await this.reports.collection
          .find(
            { targetKey: { $in: [...new Set(targetKeys)] }, status: ReportStatus.Open },
            { projection: { _id: 0, targetKey: 1 } },
          )
          .toArray()
      : [];
    const counts = new Map<string, number>();
    for (const row of rows) {
      counts.set(row.targetKey as string, (counts.get(row.targetKey as string) ?? 0) + 1);
    }
    return counts;
  }

  /** The moderation queue: open reports oldest first, resolved ones latest resolution first. */
  queue(
    filter: { status: ReportStatus; reason?: ReportReason },
    after: ReportPosition | undefined,
    limit: number,
  ): Promise<ReportRecord[]> {
    const open = filter.status === ReportStatus.Open;
    const field = open ? 'createdAt' : 'resolvedAt';
    const [past, order] = open ? (['$gt', 1] as const) : (['$lt', -1] as const);
    const query: Record<string, unknown> = {
      status: filter.status,
      ...(filter.reason ? { reason: filter.reason } : {}),
    };
    if (after) {
      query.$or = [{ [field]: { [past]: after.at } }, { [field]: after.at, _id: { [past]: oid(after.id) } }];
    }
    return this.reports.collection
      .find(query)
      .sort({ [field]: order, _id: order })
      .limit(limit)
      .toArray() as Promise<ReportRecord[]>;
  }

  /** A reporter's own reports, newest first. */
  byReporter(reporterId: string, after: ReportPosition | undefined, limit: number): Promise<ReportRecord[]> {
    const query: Record<string, unknown> = { reporterId: oid(reporterId) };
    if (after) {
      query.$or = [{ createdAt: { $lt: after.at } }, { createdAt: after.at, _id: { $lt: oid(after.id) } }];
    }
    return this.reports.collection
      .find(query)
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit)
      .toArray() as Promise<ReportRecord[]>;
  }
}
