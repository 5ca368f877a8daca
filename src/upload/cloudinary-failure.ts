import { AppError } from '../common/errors/app-error';
import { UploadError, UploadErrorCode } from './upload.errors';

/**
 * What a Cloudinary SDK failure means for the client. The SDK reports an error body as `{ message,
 * http_code }`, a status it does not expect (502, 503…) as `UnexpectedResponse` with `http_code`, its own
 * timeout as `http_code: 499`, and a network failure as the socket's Error. Only a 400 is about the file
 * itself; anything else (bad credentials, Cloudinary's rate limit, 5xx, no connection) is the media host
 * failing us (503), which the client may retry later.
 */
export function cloudinaryFailure(error: unknown): AppError {
  const { http_code: status, message } = (error ?? {}) as { http_code?: unknown; message?: unknown };
  if (status === 400) {
    const reason = typeof message === 'string' && message.length > 0 ? `: ${message.slice(0, 200)}` : '';
    return new UploadError(UploadErrorCode.Rejected, `The media host could not process this file${reason}`);
  }
  return new UploadError(UploadErrorCode.Unavailable);
}
