import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { AuditAction, AuditTargetType } from '../audit/audit-action';
import { AuditService } from '../audit/audit.service';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor';
import { ConversationBansService } from '../conversations/bans/conversation-bans.service';
import { MessagesService } from '../messages/messages.service';
import { UsersService } from '../users/users.service';
import { ModerationError, ModerationErrorCode } from './moderation.errors';
import { actionApplies } from './moderation-policy';
import { ReportEvidence } from './report-evidence';
import { ReportLocks } from './report-locks';
import { ModerationAction, ReportRecord, ReportStatus, StoredResolution } from './report.schema';
import { reportCursorKeySchema, QueueQueryDto, ResolveReportInput } from './reports.dto';
import { ReportsRepository } from './reports.repository';
import { Page, QueueItemResponse, toQueueItemResponse } from './reports.response';

/** The moderation queue and its decisions: moderators and admins only (the controller's `@Roles`). */
@Injectable()
export class ModerationService {
  constructor(
    private readonly repository: ReportsRepository,
    private readonly locks: ReportLocks,
    private readonly evidence: ReportEvidence,
    private readonly messages: MessagesService,
    private readonly users: UsersService,
    private readonly bans: ConversationBansService,
    private readonly audit: AuditService,
  ) {}

  /** Open reports oldest first (a triage queue), resolved ones latest resolution first. */
  async queue(query: QueueQueryDto): Promise<Page<QueueItemResponse>> {
    const after = query.cursor ? decodeCursor(query.cursor, reportCursorKeySchema) : undefined;
    const rows = await this.repository.queue(
      query,
      after && { at: new Date(after.t), id: after.id },
      query.limit + 1,
    );
    const items = rows.slice(0, query.limit);
    const counts = await this.repository.openCounts(items.map((row) => row.targetKey));
    const last = rows.length > query.limit ? items[items.length - 1] : undefined;
    const at = last && (query.status === ReportStatus.Open ? last.createdAt : last.resolvedAt);
    return {
      items: items.map((row) => toQueueItemResponse(row, this.evidence, counts.get(row.targetKey) ?? 0)),
      nextCursor: last && at ? encodeCursor({ t: at.getTime(), id: last._id.toHexString() }) : null,
    };
  }

  /**
   * Decides a report: exactly one moderator wins it, on whichever instance (REPORT_ALREADY_RESOLVED for the
   * others), then its action applies and every other open report on the same target is resolved with it,
   * as one decision (they name this report in `viaReportId`).
   */
  async resolve(
    moderatorId: string,
    reportId: string,
    input: ResolveReportInput,
  ): Promise<QueueItemResponse> {
    const release = await this.locks.tryLock(reportId);
    if (!release) {
      // Another moderator is deciding it right now.
      throw new ModerationError(ModerationErrorCode.AlreadyResolved);
    }
    try {
      return await this.decide(moderatorId, reportId, input);
    } finally {
      await release();
    }
  }

  private async decide(
    moderatorId: string,
    reportId: string,
    input: ResolveReportInput,
  ): Promise<QueueItemResponse> {
    const report = await this.repository.findById(reportId);
    if (!report) {
      throw new ModerationError(ModerationErrorCode.NotFound);
    }
    if (report.status !== ReportStatus.Open) {
      throw new ModerationError(ModerationErrorCode.AlreadyResolved);
    }
    if (!actionApplies(input.action, report)) {
      throw new ModerationError(
        ModerationErrorCode.ActionNotApplicable,
        `${input.action} does not apply to a reported ${report.targetType}`,
      );
    }
    const resolution: StoredResolution = {
      action: input.action,
      reason: input.reason,
      moderatorId: new Types.ObjectId(moderatorId),
      durationHours: input.durationHours ?? null,
      viaReportId: null,
    };
    const at = new Date();
    const resolved = await this.repository.resolveIfOpen(reportId, resolution, at);
    if (!resolved) {
      throw new ModerationError(ModerationErrorCode.AlreadyResolved);
    }
    try {
      await this.apply(moderatorId, resolved, input);
    } catch (error) {
      await this.repository.reopen(report);
      throw error;
    }
    const others = await this.resolveOthers(resolved, resolution, at);
    this.audit.record({
      action: AuditAction.ReportResolved,
      target: { type: AuditTargetType.Report, id: reportId },
      details: {
        action: input.action,
        targetType: report.targetType,
        targetId: report.targetId.toHexString(),
        alsoResolved: others,
        ...(input.durationHours === undefined ? {} : { durationHours: input.durationHours }),
      },
    });
    return toQueueItemResponse(resolved, this.evidence, 0);
  }

  private async apply(moderatorId: string, report: ReportRecord, input: ResolveReportInput): Promise<void> {
    switch (input.action) {
      case ModerationAction.Dismiss:
        return;
      case ModerationAction.RemoveMessage:
        return this.removeMessage(report);
      case ModerationAction.SuspendUser:
        // Ends the user's sessions and sockets on every instance before it returns; lifts itself on time.
        await this.users.suspendFor(idOf(report.targetUserId), input.reason, input.durationHours);
        return;
      case ModerationAction.BanFromConversation:
        // Removes the sender from the group (member_removed to every member) and keeps them out.
        await this.bans.ban(idOf(report.conversationId), moderatorId, idOf(report.targetUserId), {
          reason: input.reason,
          asModerator: true,
        });
        return;
    }
  }

  private async removeMessage(report: ReportRecord): Promise<void> {
    const messageId = report.targetId.toHexString();
    const result = await this.messages.removeByModeration(messageId);
    this.audit.record({
      action: AuditAction.MessageRemoved,
      target: { type: AuditTargetType.Message, id: messageId },
      details: {
        reportId: report._id.toHexString(),
        conversationId: report.conversationId?.toHexString() ?? null,
        // False when it was deleted already (by its sender or a group admin) before the decision.
        removed: result?.removed ?? false,
      },
    });
  }

  /** Resolves the target's other open reports with the same decision; answers how many. */
  private async resolveOthers(report: ReportRecord, resolution: StoredResolution, at: Date): Promise<number> {
    const ids = (await this.repository.openOn(report.targetKey)).filter((id) => !id.equals(report._id));
    const resolved = await Promise.all(
      ids.map(async (id) => {
        // One being decided by someone else right now is left to that decision.
        const release = await this.locks.tryLock(id.toHexString());
        if (!release) {
          return null;
        }
        try {
          return await this.repository.resolveIfOpen(
            id.toHexString(),
            { ...resolution, viaReportId: report._id },
            at,
          );
        } finally {
          await release();
        }
      }),
    );
    return resolved.filter((row) => row !== null).length;
  }
}

/** An id `actionApplies` made sure is there. */
function idOf(id: Types.ObjectId | null): string {
  if (id === null) {
    throw new Error('A report without the id its action needs passed actionApplies');
  }
  return id.toHexString();
}
