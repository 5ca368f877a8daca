import { CommonError, CommonErrorCode } from '../errors/common-errors';

/** Opaque cursors: base64url of a small JSON sort key. Clients must not build or parse them. */
export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T extends Record<string, string | number>>(
  cursor: string,
  isValid: (value: unknown) => value is T,
): T {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (isValid(value)) {
      return value;
    }
  } catch {
    // fall through to the validation error
  }
  throw new CommonError(CommonErrorCode.ValidationFailed, 'Invalid cursor', [
    { path: 'cursor', message: 'not a cursor this server issued' },
  ]);
}
