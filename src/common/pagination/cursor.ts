import { z } from 'zod';
import { CommonError, CommonErrorCode } from '../errors/common-errors';

/**
 * A timestamp in a cursor: whole epoch milliseconds from 1970 to the last instant a Date can hold. The server
 * only issues such values; anything else (huge, negative, fractional) made an Invalid Date or a query the
 * database refused, so it is refused as a foreign cursor instead.
 */
export const cursorTimestampSchema = z.number().int().min(0).max(8.64e15);

/** Opaque cursors: base64url of a small JSON sort key. Clients must not build or parse them. */
export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The sort key of a cursor this server issued, checked against `schema`; anything else is a 400. */
export function decodeCursor<Schema extends z.ZodType<Record<string, string | number>>>(
  cursor: string,
  schema: Schema,
): z.output<Schema> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    // not JSON: fall through to the validation error
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) {
    return parsed.data;
  }
  throw new CommonError(CommonErrorCode.ValidationFailed, 'Invalid cursor', [
    { path: 'cursor', message: 'not a cursor this server issued' },
  ]);
}
