import { defineErrors, ErrorKind } from './app-error';

/** Codes shared by every module: transport-level failures and the generic outcomes. */
export enum CommonErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  MalformedJson = 'MALFORMED_JSON',
  MalformedBody = 'MALFORMED_BODY',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  UnsupportedCharset = 'UNSUPPORTED_CHARSET',
  UnsupportedContentEncoding = 'UNSUPPORTED_CONTENT_ENCODING',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  RateLimited = 'RATE_LIMITED',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  Internal = 'INTERNAL',
}

export const CommonError = defineErrors<Exclude<CommonErrorCode, CommonErrorCode.Internal>>('CommonError', {
  [CommonErrorCode.ValidationFailed]: { kind: ErrorKind.Invalid, message: 'Validation failed' },
  [CommonErrorCode.MalformedJson]: { kind: ErrorKind.Invalid, message: 'Request body is not valid JSON' },
  [CommonErrorCode.MalformedBody]: {
    kind: ErrorKind.Invalid,
    message: 'Request body could not be read (corrupt compressed data, or not as long as its Content-Length)',
  },
  [CommonErrorCode.PayloadTooLarge]: { kind: ErrorKind.TooLarge, message: 'Request body is too large' },
  [CommonErrorCode.UnsupportedCharset]: {
    kind: ErrorKind.UnsupportedType,
    message: 'The Content-Type names a charset the server does not decode; send UTF-8',
  },
  [CommonErrorCode.UnsupportedContentEncoding]: {
    kind: ErrorKind.UnsupportedType,
    message: 'Unsupported Content-Encoding; send the body as is, or gzip, deflate or br',
  },
  [CommonErrorCode.Unauthenticated]: { kind: ErrorKind.Unauthenticated, message: 'Authentication required' },
  [CommonErrorCode.Forbidden]: { kind: ErrorKind.Forbidden, message: 'Not allowed' },
  [CommonErrorCode.NotFound]: { kind: ErrorKind.NotFound, message: 'Not found' },
  [CommonErrorCode.Conflict]: { kind: ErrorKind.Conflict, message: 'Conflict' },
  [CommonErrorCode.RateLimited]: { kind: ErrorKind.RateLimited, message: 'Too many requests' },
  [CommonErrorCode.ServiceUnavailable]: { kind: ErrorKind.Unavailable, message: 'Service unavailable' },
});
