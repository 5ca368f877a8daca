import { ModerationAction, ReportTargetType } from './report.schema';

/** What an action needs of a report. */
export interface ReportedTargetShape {
  targetType: ReportTargetType;
  conversationId: unknown;
  targetUserId: unknown;
}

/**
 * Which actions fit which reports: anything can be dismissed; a message can be removed, its sender suspended
 * or banned from its conversation; a user can be suspended; a conversation has no one to act on.
 */
export function actionApplies(action: ModerationAction, report: ReportedTargetShape): boolean {
  switch (action) {
    case ModerationAction.Dismiss:
      return true;
    case ModerationAction.RemoveMessage:
      return report.targetType === ReportTargetType.Message;
    case ModerationAction.SuspendUser:
      return report.targetUserId !== null;
    case ModerationAction.BanFromConversation:
      return (
        report.targetType === ReportTargetType.Message &&
        report.conversationId !== null &&
        report.targetUserId !== null
      );
  }
}
