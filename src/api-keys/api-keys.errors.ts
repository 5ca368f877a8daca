import { defineErrors, ErrorKind } from '../common/errors/app-error';

export enum ApiKeysErrorCode {
  /** Missing, malformed, unknown, revoked, expired or a wrong secret: one code, so nothing tells them apart. */
  Invalid = 'API_KEY_INVALID',
  Scope = 'API_KEY_SCOPE',
  NotFound = 'API_KEY_NOT_FOUND',
}

export const ApiKeysError = defineErrors<ApiKeysErrorCode>('ApiKeysError', {
  [ApiKeysErrorCode.Invalid]: {
    kind: ErrorKind.Unauthenticated,
    message: 'A valid API key is required (Authorization: Bearer <key>)',
  },
  [ApiKeysErrorCode.Scope]: {
    kind: ErrorKind.Forbidden,
    message: 'This API key lacks the scope this route needs',
  },
  [ApiKeysErrorCode.NotFound]: { kind: ErrorKind.NotFound, message: 'API key not found' },
});
