import { defineErrors, ErrorKind } from '../common/errors/app-error';

export enum MessagesErrorCode {
  NotFound = 'MESSAGE_NOT_FOUND',
  NotSender = 'NOT_MESSAGE_SENDER',
  EditWindowClosed = 'EDIT_WINDOW_CLOSED',
  Deleted = 'MESSAGE_DELETED',
  ReplyNotFound = 'REPLY_TARGET_NOT_FOUND',
  CursorExpired = 'SYNC_CURSOR_EXPIRED',
  ClientMessageIdConflict = 'CLIENT_MESSAGE_ID_CONFLICT',
  Flood = 'FLOOD_DETECTED',
  CallMessage = 'CALL_MESSAGE_READ_ONLY',
  AttachmentNotFound = 'ATTACHMENT_NOT_FOUND',
  AttachmentTypeMismatch = 'ATTACHMENT_TYPE_MISMATCH',
}

export const MessagesError = defineErrors<MessagesErrorCode>('MessagesError', {
  [MessagesErrorCode.NotFound]: { kind: ErrorKind.NotFound, message: 'Message not found' },
  [MessagesErrorCode.NotSender]: { kind: ErrorKind.Forbidden, message: 'Only the sender may do this' },
  [MessagesErrorCode.EditWindowClosed]: {
    kind: ErrorKind.Forbidden,
    message: 'This message can no longer be edited',
  },
  [MessagesErrorCode.Deleted]: { kind: ErrorKind.Gone, message: 'This message was deleted' },
  [MessagesErrorCode.ReplyNotFound]: {
    kind: ErrorKind.Invalid,
    message: 'replyTo must be a message of the same conversation',
  },
  [MessagesErrorCode.CursorExpired]: {
    kind: ErrorKind.Gone,
    message: 'The sync cursor expired or is unknown; reload conversations and history, then sync from now',
  },
  // Says nothing of the message that holds the id: its sender may no longer be a member of its conversation.
  [MessagesErrorCode.ClientMessageIdConflict]: {
    kind: ErrorKind.Conflict,
    message:
      'This clientMessageId was already used for a message of another conversation; send with a new one',
  },
  [MessagesErrorCode.Flood]: {
    kind: ErrorKind.RateLimited,
    message: 'You sent this same message to too many conversations just now; wait before sending it again',
  },
  // A call's entry is the server's record of the call, not text anyone wrote.
  [MessagesErrorCode.CallMessage]: {
    kind: ErrorKind.Forbidden,
    message: 'A call message cannot be edited or deleted',
  },
  // One answer for an unknown id, another user's upload and one attached elsewhere: ids reveal nothing.
  [MessagesErrorCode.AttachmentNotFound]: {
    kind: ErrorKind.Invalid,
    message: 'An attachment is not one of your uploads that is free to attach; upload the file again',
  },
  [MessagesErrorCode.AttachmentTypeMismatch]: {
    kind: ErrorKind.Invalid,
    message: 'The message type does not match its attachments; leave type out to have it derived',
  },
});
