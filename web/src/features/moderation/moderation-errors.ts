import { ApiError, errorMessage } from '../../api/api-error';

/** What the user reads for each error code the moderation routes answer with. */
const MESSAGES: Record<string, string> = {
  REPORT_ALREADY_OPEN: 'You already reported this. Your report is open and will be reviewed.',
  REPORT_TARGET_NOT_FOUND: 'This can no longer be reported (it may have been deleted).',
  CANNOT_REPORT_SELF: 'You cannot report yourself or your own messages.',
  RATE_LIMITED: 'Too many requests. Wait a moment and try again.',
  REPORT_ALREADY_RESOLVED: 'Someone else already resolved this report. The queue has been refreshed.',
  ACTION_NOT_APPLICABLE: 'This action does not apply to what was reported.',
  TARGET_ROLE_TOO_HIGH: 'Moderators can only act on members. Ask an admin.',
  DIRECT_CONVERSATION_FIXED: 'Direct conversations have no bans. Choose another action.',
  SUSPENSION_TOO_SHORT: 'That suspension is too short.',
  USER_DISABLED: 'This account is disabled; enable it before suspending it.',
  USER_NOT_SUSPENDED: 'This account is not suspended.',
  LAST_ADMIN: 'This is the last admin: appoint another admin before stepping down.',
  INSUFFICIENT_ROLE: 'Your role does not allow this.',
  CANNOT_BAN_OWNER: 'Group owners cannot be banned.',
  CONVERSATION_ACTION_NOT_ALLOWED: 'Only group owners and admins can do this.',
  BAN_NOT_FOUND: 'This user is not banned any more.',
  USER_NOT_FOUND: 'No such user.',
  VALIDATION_FAILED: 'Some fields are not valid.',
};

export function moderationErrorText(error: unknown): string {
  if (error instanceof ApiError && MESSAGES[error.code]) {
    return MESSAGES[error.code];
  }
  return errorMessage(error);
}

/** A conflict meaning the item changed under us: the list should be refetched. */
export function isStale(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'REPORT_ALREADY_RESOLVED' || error.status === 404);
}
