import { defineErrors, ErrorKind } from '../common/errors/app-error';

export enum ConversationsErrorCode {
  NotFound = 'CONVERSATION_NOT_FOUND',
  NotAllowed = 'CONVERSATION_ACTION_NOT_ALLOWED',
  DirectIsFixed = 'DIRECT_CONVERSATION_FIXED',
  TooManyMembers = 'CONVERSATION_FULL',
  LastOwner = 'LAST_OWNER_CANNOT_LEAVE',
  UserNotFound = 'USER_NOT_FOUND',
  SelfConversation = 'DIRECT_WITH_SELF',
  Busy = 'CONVERSATION_BUSY',
  DirectBlocked = 'DIRECT_CONVERSATION_BLOCKED',
  UserBanned = 'USER_BANNED',
  CannotBanOwner = 'CANNOT_BAN_OWNER',
  BanNotFound = 'BAN_NOT_FOUND',
}

export const ConversationsError = defineErrors<ConversationsErrorCode>('ConversationsError', {
  [ConversationsErrorCode.NotFound]: { kind: ErrorKind.NotFound, message: 'Conversation not found' },
  [ConversationsErrorCode.NotAllowed]: {
    kind: ErrorKind.Forbidden,
    message: 'Your role in this conversation does not allow this',
  },
  [ConversationsErrorCode.DirectIsFixed]: {
    kind: ErrorKind.Conflict,
    message: 'Direct conversations have exactly their two members',
  },
  [ConversationsErrorCode.TooManyMembers]: {
    kind: ErrorKind.Conflict,
    message: 'The conversation has reached its member limit',
  },
  [ConversationsErrorCode.LastOwner]: {
    kind: ErrorKind.Conflict,
    message: 'Hand ownership to another member before the last owner leaves',
  },
  [ConversationsErrorCode.UserNotFound]: { kind: ErrorKind.NotFound, message: 'User not found' },
  [ConversationsErrorCode.SelfConversation]: {
    kind: ErrorKind.Invalid,
    message: 'A direct conversation needs another user',
  },
  [ConversationsErrorCode.DirectBlocked]: {
    kind: ErrorKind.Forbidden,
    message: 'This direct conversation is blocked: one of you blocked the other',
  },
  [ConversationsErrorCode.UserBanned]: {
    kind: ErrorKind.Conflict,
    message: 'A user is banned from this conversation; unban them first',
  },
  [ConversationsErrorCode.CannotBanOwner]: {
    kind: ErrorKind.Forbidden,
    message: 'An owner of the group cannot be banned from it',
  },
  [ConversationsErrorCode.BanNotFound]: { kind: ErrorKind.NotFound, message: 'This user is not banned here' },
  [ConversationsErrorCode.Busy]: {
    kind: ErrorKind.Unavailable,
    message: 'Too many membership changes at once; try again',
  },
});
