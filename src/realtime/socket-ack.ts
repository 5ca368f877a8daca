import { Logger } from '@nestjs/common';
import { z } from 'zod';
import { AppError } from '../common/errors/app-error';
import { CommonError, CommonErrorCode } from '../common/errors/common-errors';
import { Ack } from './events';

const logger = new Logger('SocketAck');

/** Validates a socket payload; failures carry per-field details like REST validation errors. */
export function parsePayload<Schema extends z.ZodType>(schema: Schema, payload: unknown): z.output<Schema> {
  const result = schema.safeParse(payload);
  if (!result.success) {
    throw new CommonError(
      CommonErrorCode.ValidationFailed,
      undefined,
      result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  return result.data;
}

/** The ack of a failed event. Unknown errors are logged and hidden behind INTERNAL. */
export function ackError(error: unknown): Ack<never> {
  if (error instanceof AppError) {
    const details = error.details === undefined ? {} : { details: error.details };
    return { ok: false, error: { code: error.code, message: error.message, ...details } };
  }
  logger.error({ err: error }, 'Socket event failed');
  return { ok: false, error: { code: CommonErrorCode.Internal, message: 'Internal error' } };
}

/** Runs a handler and turns its outcome into an ack, so every event answers the same way. */
export async function respond<T>(handler: () => Promise<T> | T): Promise<Ack<T>> {
  try {
    return { ok: true, data: await handler() };
  } catch (error) {
    return ackError(error);
  }
}
