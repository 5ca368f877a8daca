import { defineErrors, ErrorKind } from '../common/errors/app-error';

export enum UploadErrorCode {
  NotConfigured = 'UPLOADS_NOT_CONFIGURED',
  FileMissing = 'UPLOAD_FILE_MISSING',
  UnsupportedType = 'UPLOAD_UNSUPPORTED_TYPE',
  Rejected = 'UPLOAD_REJECTED',
  StorageUnavailable = 'UPLOAD_STORAGE_UNAVAILABLE',
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
  [UploadErrorCode.UnsupportedType]: {
    kind: ErrorKind.UnsupportedType,
    message: 'This file type is not allowed; send an image, audio, video, PDF, office document or plain text',
  },
  [UploadErrorCode.Rejected]: {
    kind: ErrorKind.Unprocessable,
    message: 'The media host could not process this file',
  },
  [UploadErrorCode.StorageUnavailable]: {
    kind: ErrorKind.BadGateway,
    message: 'The media host is unavailable; try again later',
  },
  [UploadErrorCode.NotFound]: { kind: ErrorKind.NotFound, message: 'Upload not found' },
});
