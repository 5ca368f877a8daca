import { defineErrors, ErrorKind } from '../common/errors/app-error';

export enum AuthErrorCode {
  InvalidCredentials = 'INVALID_CREDENTIALS',
  EmailTaken = 'EMAIL_TAKEN',
  TokenMissing = 'TOKEN_MISSING',
  TokenInvalid = 'TOKEN_INVALID',
  SessionRevoked = 'SESSION_REVOKED',
  AccountDisabled = 'ACCOUNT_DISABLED',
  AccountSuspended = 'ACCOUNT_SUSPENDED',
  InsufficientRole = 'INSUFFICIENT_ROLE',
  RefreshTokenInvalid = 'REFRESH_TOKEN_INVALID',
  RefreshTokenReused = 'REFRESH_TOKEN_REUSED',
  SessionNotFound = 'SESSION_NOT_FOUND',
  EmailTokenInvalid = 'EMAIL_TOKEN_INVALID',
  PasswordPolicy = 'PASSWORD_POLICY',
}

export const AuthError = defineErrors<AuthErrorCode>('AuthError', {
  [AuthErrorCode.InvalidCredentials]: {
    kind: ErrorKind.Unauthenticated,
    message: 'Invalid email or password',
  },
  [AuthErrorCode.EmailTaken]: {
    kind: ErrorKind.Conflict,
    message: 'An account with this email already exists',
  },
  [AuthErrorCode.TokenMissing]: { kind: ErrorKind.Unauthenticated, message: 'Authentication required' },
  [AuthErrorCode.TokenInvalid]: {
    kind: ErrorKind.Unauthenticated,
    message: 'Invalid or expired access token',
  },
  [AuthErrorCode.SessionRevoked]: { kind: ErrorKind.Unauthenticated, message: 'Session has ended' },
  [AuthErrorCode.AccountDisabled]: { kind: ErrorKind.Forbidden, message: 'Account is disabled' },
  [AuthErrorCode.AccountSuspended]: {
    kind: ErrorKind.Forbidden,
    message: 'Account is suspended',
  },
  [AuthErrorCode.RefreshTokenInvalid]: {
    kind: ErrorKind.Unauthenticated,
    message: 'Missing, unknown or expired refresh token; log in again',
  },
  [AuthErrorCode.RefreshTokenReused]: {
    kind: ErrorKind.Unauthenticated,
    message: 'This refresh token was already used; the session has been ended for safety',
  },
  [AuthErrorCode.SessionNotFound]: { kind: ErrorKind.NotFound, message: 'Session not found' },
  [AuthErrorCode.EmailTokenInvalid]: {
    kind: ErrorKind.Invalid,
    message: 'This link is invalid, already used or expired; ask for a new one',
  },
  [AuthErrorCode.PasswordPolicy]: {
    kind: ErrorKind.Invalid,
    message: 'The new password must not be your email address',
  },
  [AuthErrorCode.InsufficientRole]: { kind: ErrorKind.Forbidden, message: 'Your role does not allow this' },
});

/** Why an account that is not active may not sign in: details.until (ISO 8601 or null) for a suspension. */
export function inactiveAccountError(user: {
  status: string;
  suspendedUntil?: Date | null;
}): InstanceType<typeof AuthError> {
  return user.status === 'suspended'
    ? new AuthError(AuthErrorCode.AccountSuspended, undefined, {
        until: user.suspendedUntil?.toISOString() ?? null,
      })
    : new AuthError(AuthErrorCode.AccountDisabled);
}
