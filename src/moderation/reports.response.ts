import { ReportEvidence, SnapshotResponse } from './report-evidence';
import {
  ModerationAction,
  ReportReason,
  ReportRecord,
  ReportStatus,
  ReportTargetType,
} from './report.schema';

/** A report as its reporter sees it: what they reported and the outcome, never who decided or why. */
export interface MyReportResponse {
  id: string;
  targetType: ReportTargetType;
  targetId: string;
  reason: ReportReason;
  note: string | null;
  status: ReportStatus;
  createdAt: string;
  outcome: { action: ModerationAction; resolvedAt: string } | null;
}

/** A report as moderators and admins see it in the queue. */
export interface QueueItemResponse {
  id: string;
  status: ReportStatus;
  reporterId: string;
  targetType: ReportTargetType;
  targetId: string;
  conversationId: string | null;
  targetUserId: string | null;
  reason: ReportReason;
  note: string | null;
  createdAt: string;
  /** Open reports on the same target, this one included when open (several reporters, one decision). */
  openReportsOnTarget: number;
  snapshot: SnapshotResponse | null;
  context: SnapshotResponse[];
  resolution: {
    action: ModerationAction;
    reason: string;
    moderatorId: string;
    durationHours: number | null;
    resolvedAt: string;
    viaReportId: string | null;
  } | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function toMyReportResponse(report: ReportRecord, evidence: ReportEvidence): MyReportResponse {
  const id = report._id.toHexString();
  return {
    id,
    targetType: report.targetType,
    targetId: report.targetId.toHexString(),
    reason: report.reason,
    note: report.note === null ? null : evidence.openNote(id, report.note),
    status: report.status,
    createdAt: report.createdAt.toISOString(),
    outcome:
      report.resolution && report.resolvedAt
        ? { action: report.resolution.action, resolvedAt: report.resolvedAt.toISOString() }
        : null,
  };
}

export function toQueueItemResponse(
  report: ReportRecord,
  evidence: ReportEvidence,
  openReportsOnTarget: number,
): QueueItemResponse {
  const id = report._id.toHexString();
  const resolution = report.resolution;
  return {
    id,
    status: report.status,
    reporterId: report.reporterId.toHexString(),
    targetType: report.targetType,
    targetId: report.targetId.toHexString(),
    conversationId: report.conversationId?.toHexString() ?? null,
    targetUserId: report.targetUserId?.toHexString() ?? null,
    reason: report.reason,
    note: report.note === null ? null : evidence.openNote(id, report.note),
    createdAt: report.createdAt.toISOString(),
    openReportsOnTarget,
    snapshot: report.snapshot && evidence.open(id, report.snapshot),
    context: report.context.map((message) => evidence.open(id, message)),
    resolution:
      resolution && report.resolvedAt
        ? {
            action: resolution.action,
            reason: resolution.reason,
            moderatorId: resolution.moderatorId.toHexString(),
            durationHours: resolution.durationHours,
            resolvedAt: report.resolvedAt.toISOString(),
            viaReportId: resolution.viaReportId?.toHexString() ?? null,
          }
        : null,
  };
}
