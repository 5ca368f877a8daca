import { defineErrors, ErrorKind } from '../../common/errors/app-error';

export enum InboxErrorCode {
  NotFound = 'NOTIFICATION_NOT_FOUND',
}

export const InboxError = defineErrors<InboxErrorCode>('InboxError', {
  // Someone else's entry answers the same as an unknown one: ids reveal nothing.
  [InboxErrorCode.NotFound]: { kind: ErrorKind.NotFound, message: 'Notification not found' },
});
