import { actionApplies } from './moderation-policy';
import { ModerationAction, ReportTargetType } from './report.schema';

const message = { targetType: ReportTargetType.Message, conversationId: 'c', targetUserId: 'u' };
const user = { targetType: ReportTargetType.User, conversationId: null, targetUserId: 'u' };
const conversation = { targetType: ReportTargetType.Conversation, conversationId: 'c', targetUserId: null };

describe('actionApplies', () => {
  it.each([
    [ModerationAction.Dismiss, [true, true, true]],
    [ModerationAction.RemoveMessage, [true, false, false]],
    [ModerationAction.SuspendUser, [true, true, false]],
    [ModerationAction.BanFromConversation, [true, false, false]],
  ])('%s applies to a message, a user, a conversation: %j', (action, expected) => {
    expect([message, user, conversation].map((report) => actionApplies(action, report))).toEqual(expected);
  });
});
