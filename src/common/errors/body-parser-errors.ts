import type { NextFunction, Request, Response } from 'express';
import { AppError } from './app-error';
import { CommonError, CommonErrorCode } from './common-errors';

type BodyErrorCode = Exclude<CommonErrorCode, CommonErrorCode.Internal>;

/** body-parser's error `type`s that name what the client got wrong. */
const CODE_OF_TYPE: Partial<Record<string, BodyErrorCode>> = {
  'entity.parse.failed': CommonErrorCode.MalformedJson,
  'entity.too.large': CommonErrorCode.PayloadTooLarge,
  'parameters.too.many': CommonErrorCode.PayloadTooLarge,
  'charset.unsupported': CommonErrorCode.UnsupportedCharset,
  'encoding.unsupported': CommonErrorCode.UnsupportedContentEncoding,
};

/**
 * The coded error for a failure of the body parsers, or undefined for anything else. They raise http-errors
 * (a 4xx `status`, `expose: true`, usually a `type`) rather than HttpExceptions. Every 4xx of theirs not in
 * the table is a body that could not be read: cut short or longer than its Content-Length
 * (`request.aborted`, `request.size.invalid`), or corrupt compressed data (zlib's error, given a 400 and no
 * `type`).
 */
export function fromBodyParserError(error: unknown): AppError | undefined {
  if (!(error instanceof Error) || error instanceof AppError) {
    return undefined;
  }
  const { status, expose, type } = error as { status?: unknown; expose?: unknown; type?: unknown };
  if (typeof status !== 'number' || status < 400 || status >= 500 || expose !== true) {
    return undefined;
  }
  const code = typeof type === 'string' ? CODE_OF_TYPE[type] : undefined;
  return new CommonError(code ?? CommonErrorCode.MalformedBody);
}

/**
 * Express error middleware placed right after the body parsers: Nest's own error handler would turn a JSON
 * syntax error into an anonymous 400 and every other parser error into a 500, so they are coded here first.
 */
export function codeBodyParserErrors(
  error: unknown,
  _req: Request,
  _res: Response,
  next: NextFunction,
): void {
  next(fromBodyParserError(error) ?? error);
}
