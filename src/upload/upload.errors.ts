import { defineErrors, ErrorKind } from '../common/errors/app-error';

export enum UploadErrorCode {
  NotConfigured = 'UPLOADS_NOT_CONFIGURED',
  FileMissing = 'UPLOAD_FILE_MISSING',
  EmptyFile = 'UPLOAD_EMPTY_FILE',
  UnexpectedPart = 'UPLOAD_UNEXPECTED_PART',
  Incomplete = 'UPLOAD_INCOMPLETE',
  TooManyPixels = 'UPLOAD_TOO_MANY_PIXELS',
  UnsupportedType = 'UPLOAD_UNSUPPORTED_TYPE',
  TypeMismatch = 'UPLOAD_TYPE_MISMATCH',
  QuotaExceeded = 'UPLOAD_QUOTA_EXCEEDED',
  Rejected = 'UPLOAD_REJECTED',
  Unavailable = 'UPLOAD_UNAVAILABLE',
  NotFound = 'UPLOAD_NOT_FOUND',
}

export const UploadError = defineErrors<UploadErrorCode>('UploadError', {
  [UploadErrorCode.NotConfigured]: {
    kind: ErrorKind.Unavailable,
    message: 'Uploads are not configured on this server',
  },
  [UploadErrorCode.FileMissing]: {
    kind: ErrorKind.Invalid,
    message: 'Send the file as multipart/form-data in the field "file"',
  },
  [UploadErrorCode.EmptyFile]: { kind: ErrorKind.Invalid, message: 'The file is empty' },
  [UploadErrorCode.UnexpectedPart]: {
    kind: ErrorKind.Invalid,
    message: 'Send exactly one part, the file in the field "file", and nothing else',
  },
  [UploadErrorCode.Incomplete]: {
    kind: ErrorKind.Invalid,
    message: 'The upload ended before the whole file arrived',
  },
  [UploadErrorCode.TooManyPixels]: {
    kind: ErrorKind.TooLarge,
    message: 'The image has more pixels than this server accepts',
  },
  [UploadErrorCode.UnsupportedType]: {
    kind: ErrorKind.UnsupportedType,
    message: 'This file type is not allowed; send an image, audio, video, PDF, office document or plain text',
  },
  [UploadErrorCode.TypeMismatch]: {
    kind: ErrorKind.UnsupportedType,
    message: 'The file’s content does not match its declared type or its name’s extension',
  },
  [UploadErrorCode.QuotaExceeded]: {
    kind: ErrorKind.RateLimited,
    message: 'You have uploaded as much as you may today; try again tomorrow',
  },
  [UploadErrorCode.Rejected]: {
    kind: ErrorKind.Unprocessable,
    message: 'The media host could not process this file',
  },
  [UploadErrorCode.Unavailable]: {
    kind: ErrorKind.Unavailable,
    message: 'The media host is unavailable; try again later',
  },
  [UploadErrorCode.NotFound]: { kind: ErrorKind.NotFound, message: 'Upload not found' },
});
