import { defineErrors, ErrorKind } from '../../common/errors/app-error';

/** Codes also used, lower-cased, as `?error=` on the redirect back to the client. */
export enum OAuthErrorCode {
  ProviderDisabled = 'OAUTH_PROVIDER_DISABLED',
  ReturnToNotAllowed = 'OAUTH_RETURN_TO_NOT_ALLOWED',
  StateMismatch = 'OAUTH_STATE_MISMATCH',
  AccessDenied = 'OAUTH_ACCESS_DENIED',
  ProviderError = 'OAUTH_PROVIDER_ERROR',
  AccountExistsUnverified = 'OAUTH_ACCOUNT_EXISTS_UNVERIFIED',
  CodeInvalid = 'OAUTH_CODE_INVALID',
  LinkTicketInvalid = 'OAUTH_LINK_TICKET_INVALID',
}

export const OAuthError = defineErrors<OAuthErrorCode>('OAuthError', {
  [OAuthErrorCode.ProviderDisabled]: {
    kind: ErrorKind.NotFound,
    message: 'This login provider is not configured on this server',
  },
  [OAuthErrorCode.ReturnToNotAllowed]: {
    kind: ErrorKind.Invalid,
    message: 'returnTo must be an absolute URL on one of the allowed client origins',
  },
  [OAuthErrorCode.StateMismatch]: {
    kind: ErrorKind.Unauthenticated,
    message: 'The login attempt is unknown, expired, already used or was started in another browser',
  },
  [OAuthErrorCode.AccessDenied]: {
    kind: ErrorKind.Unauthenticated,
    message: 'The login was cancelled at the provider',
  },
  [OAuthErrorCode.ProviderError]: {
    kind: ErrorKind.Unauthenticated,
    message: 'The provider did not complete the login',
  },
  [OAuthErrorCode.AccountExistsUnverified]: {
    kind: ErrorKind.Conflict,
    message:
      'An account with this email exists but the email is not verified on both sides; log in to it and link the provider explicitly',
  },
  [OAuthErrorCode.CodeInvalid]: {
    kind: ErrorKind.Unauthenticated,
    message: 'Unknown, expired or already used login code',
  },
  [OAuthErrorCode.LinkTicketInvalid]: {
    kind: ErrorKind.Unauthenticated,
    message: 'Unknown, expired or already used link ticket',
  },
});

/** The short code put on the client redirect, e.g. `state_mismatch`. */
export function redirectErrorCode(code: string): string {
  return code.replace(/^(OAUTH|IDENTITY)_/, '').toLowerCase();
}
