import { defineErrors, ErrorKind } from '../common/errors/app-error';

export enum RealtimeErrorCode {
  TooManySockets = 'TOO_MANY_SOCKETS',
  TokenExpired = 'TOKEN_EXPIRED',
  ReauthMismatch = 'REAUTH_MISMATCH',
  UnknownEvent = 'UNKNOWN_EVENT',
  RealtimeUnavailable = 'REALTIME_UNAVAILABLE',
}

export const RealtimeError = defineErrors<RealtimeErrorCode>('RealtimeError', {
  [RealtimeErrorCode.TooManySockets]: {
    kind: ErrorKind.RateLimited,
    message: 'Too many open connections for this user; close one and retry',
  },
  [RealtimeErrorCode.TokenExpired]: {
    kind: ErrorKind.Unauthenticated,
    message: 'The access token expired; reconnect with a fresh token or send reauth before expiry',
  },
  [RealtimeErrorCode.ReauthMismatch]: {
    kind: ErrorKind.Forbidden,
    message: 'reauth must present a token of the same user and session',
  },
  [RealtimeErrorCode.UnknownEvent]: { kind: ErrorKind.Invalid, message: 'Unknown event' },
  [RealtimeErrorCode.RealtimeUnavailable]: {
    kind: ErrorKind.Unavailable,
    message: 'Realtime delivery is unavailable (Redis is down); retry shortly or use REST and /sync',
  },
});
