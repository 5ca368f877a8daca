import { defineErrors, ErrorKind } from '../../common/errors/app-error';

export enum NotifyErrorCode {
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
  RequestNotFound = 'NOTIFY_REQUEST_NOT_FOUND',
}

export const NotifyError = defineErrors<NotifyErrorCode>('NotifyError', {
  [NotifyErrorCode.IdempotencyKeyReused]: {
    kind: ErrorKind.Conflict,
    message: 'This idempotency key was used for a different request; use a new key for a new notification',
  },
  [NotifyErrorCode.RequestNotFound]: { kind: ErrorKind.NotFound, message: 'Notify request not found' },
});
