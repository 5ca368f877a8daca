import { defineErrors, ErrorKind } from '../common/errors/app-error';

export enum AccountErrorCode {
  ExportNotFound = 'EXPORT_NOT_FOUND',
  ExportLinkExpired = 'EXPORT_LINK_EXPIRED',
  ExportTooSoon = 'EXPORT_TOO_SOON',
  ReauthRequired = 'REAUTH_REQUIRED',
  PasswordIncorrect = 'PASSWORD_INCORRECT',
}

export const AccountError = defineErrors<AccountErrorCode>('AccountError', {
  [AccountErrorCode.ExportNotFound]: { kind: ErrorKind.NotFound, message: 'Export not found' },
  [AccountErrorCode.ExportLinkExpired]: {
    kind: ErrorKind.Gone,
    message: 'This download link has expired; ask for a new export',
  },
  [AccountErrorCode.ExportTooSoon]: {
    kind: ErrorKind.RateLimited,
    message: 'An export was made recently; try again later',
  },
  [AccountErrorCode.ReauthRequired]: {
    kind: ErrorKind.Forbidden,
    message: 'Confirm it is you: give your password, or sign in again and retry within a few minutes',
  },
  [AccountErrorCode.PasswordIncorrect]: { kind: ErrorKind.Forbidden, message: 'Password is incorrect' },
});
