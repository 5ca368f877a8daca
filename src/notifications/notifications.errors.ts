import { defineErrors, ErrorKind } from '../common/errors/app-error';

export enum NotificationsErrorCode {
  PushDisabled = 'PUSH_NOT_CONFIGURED',
}

export const NotificationsError = defineErrors<NotificationsErrorCode>('NotificationsError', {
  [NotificationsErrorCode.PushDisabled]: {
    kind: ErrorKind.Unavailable,
    message: 'Web Push is not configured on this server',
  },
});
