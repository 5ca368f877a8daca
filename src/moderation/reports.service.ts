import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor';
import { ConversationsService } from '../conversations/conversations.service';
import { EvidenceMessage, MessageEvidenceService } from '../messages/message-evidence.service';
import { UsersService } from '../users/users.service';
import { ModerationError, ModerationErrorCode } from './moderation.errors';
import { ReportEvidence } from './report-evidence';
import { ReportRecord, ReportStatus, ReportTargetType } from './report.schema';
import { CreateReportDto, reportCursorKeySchema, MyReportsQueryDto } from './reports.dto';
import { ReportsRepository } from './reports.repository';
import { MyReportResponse, Page, toMyReportResponse } from './reports.response';

/** Messages kept around a reported message (each side), and of a reported conversation (its last ones). */
export const CONTEXT_AROUND_MESSAGE = 3;
export const CONTEXT_OF_CONVERSATION = 6;
const EXPORT_PAGE = 500;

/** What a reported target is: where it lives, whom it is about, and the messages that show it. */
interface ReportedTarget {
  conversationId: string | null;
  targetUserId: string | null;
  message: EvidenceMessage | null;
  context: EvidenceMessage[];
}

/** Filing reports and reading one's own: any signed-in user. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly repository: ReportsRepository,
    private readonly evidence: ReportEvidence,
    private readonly messages: MessageEvidenceService,
    private readonly conversations: ConversationsService,
    private readonly users: UsersService,
  ) {}

  /**
   * Files a report on something the reporter can see now, keeping a sealed snapshot of a reported message
   * and the messages around it, so later edits and deletes leave the evidence whole.
   */
  async create(reporterId: string, input: CreateReportDto): Promise<MyReportResponse> {
    const target = await this.requireVisible(reporterId, input.targetType, input.targetId);
    const id = new Types.ObjectId();
    const reportId = id.toHexString();
    const targetKey = `${input.targetType}:${input.targetId}`;
    const report: ReportRecord = {
      _id: id,
      reporterId: new Types.ObjectId(reporterId),
      targetType: input.targetType,
      targetId: new Types.ObjectId(input.targetId),
      targetKey,
      conversationId: target.conversationId === null ? null : new Types.ObjectId(target.conversationId),
      targetUserId: target.targetUserId === null ? null : new Types.ObjectId(target.targetUserId),
      reason: input.reason,
      note: input.note === undefined ? null : this.evidence.sealNote(reportId, input.note),
      status: ReportStatus.Open,
      openKey: `open:${reporterId}:${targetKey}`,
      snapshot: target.message && this.evidence.seal(reportId, target.message),
      context: target.context.map((message) => this.evidence.seal(reportId, message)),
      createdAt: new Date(),
      resolvedAt: null,
      resolution: null,
    };
    if (!(await this.repository.insert(report))) {
      throw new ModerationError(ModerationErrorCode.AlreadyOpen);
    }
    return toMyReportResponse(report, this.evidence);
  }

  /** The caller's reports, newest first, with their outcomes. */
  async mine(reporterId: string, query: MyReportsQueryDto): Promise<Page<MyReportResponse>> {
    const after = query.cursor ? decodeCursor(query.cursor, reportCursorKeySchema) : undefined;
    const rows = await this.repository.byReporter(
      reporterId,
      after && { at: new Date(after.t), id: after.id },
      query.limit + 1,
    );
    const items = rows.slice(0, query.limit);
    const last = rows.length > query.limit ? items[items.length - 1] : undefined;
    return {
      items: items.map((row) => toMyReportResponse(row, this.evidence)),
      nextCursor: last ? encodeCursor({ t: last.createdAt.getTime(), id: last._id.toHexString() }) : null,
    };
  }

  /** Every report the user filed, newest first, as they see them (for their data export). */
  async allFiledBy(reporterId: string): Promise<MyReportResponse[]> {
    const all: MyReportResponse[] = [];
    for (;;) {
      const last = all.length > 0 ? all[all.length - 1] : undefined;
      const rows = await this.repository.byReporter(
        reporterId,
        last && { at: new Date(last.createdAt), id: last.id },
        EXPORT_PAGE,
      );
      all.push(...rows.map((row) => toMyReportResponse(row, this.evidence)));
      if (rows.length < EXPORT_PAGE) {
        return all;
      }
    }
  }

  /** One of the caller's reports; anyone else's is not found. */
  async one(reporterId: string, reportId: string): Promise<MyReportResponse> {
    const report = await this.repository.findById(reportId);
    if (!report?.reporterId.equals(reporterId)) {
      throw new ModerationError(ModerationErrorCode.NotFound);
    }
    return toMyReportResponse(report, this.evidence);
  }

  /** The target if the reporter may see it now; REPORT_TARGET_NOT_FOUND otherwise, whatever the reason. */
  private async requireVisible(
    reporterId: string,
    type: ReportTargetType,
    targetId: string,
  ): Promise<ReportedTarget> {
    const target = await this.visible(reporterId, type, targetId);
    if (!target) {
      throw new ModerationError(ModerationErrorCode.TargetNotFound);
    }
    if (target.targetUserId === reporterId) {
      throw new ModerationError(ModerationErrorCode.CannotReportSelf);
    }
    return target;
  }

  private async visible(
    reporterId: string,
    type: ReportTargetType,
    targetId: string,
  ): Promise<ReportedTarget | null> {
    switch (type) {
      case ReportTargetType.Message: {
        const message = await this.messages.findVisible(reporterId, targetId);
        return (
          message && {
            conversationId: message.conversationId,
            targetUserId: message.senderId,
            message,
            context: await this.messages.around(message.conversationId, message.seq, {
              before: CONTEXT_AROUND_MESSAGE,
              after: CONTEXT_AROUND_MESSAGE,
            }),
          }
        );
      }
      case ReportTargetType.User: {
        const user = await this.users.findById(targetId);
        return user && { conversationId: null, targetUserId: targetId, message: null, context: [] };
      }
      case ReportTargetType.Conversation: {
        const [member] = await this.conversations.stillMembers(targetId, [reporterId]);
        return member === undefined
          ? null
          : {
              conversationId: targetId,
              targetUserId: null,
              message: null,
              context: await this.messages.around(targetId, null, {
                before: CONTEXT_OF_CONVERSATION,
                after: 0,
              }),
            };
      }
    }
  }
}
