import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { ZodValidationException } from 'nestjs-zod';
import { ZodError } from 'zod';
import { AppError } from './app-error';
import { CommonErrorCode } from './common-errors';
import { CODE_OF_HTTP_STATUS, HTTP_STATUS_OF_KIND } from './error-kinds';

/** The one error body every REST failure carries. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  requestId: string;
  details?: unknown;
}

export interface FieldProblem {
  path: string;
  message: string;
}

export function zodProblems(error: ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

function body(
  status: number,
  code: string,
  message: string,
  requestId: string,
  details?: unknown,
): ErrorBody {
  return {
    statusCode: status,
    error: STATUS_CODES[status] ?? 'Error',
    code,
    message,
    requestId,
    ...(details === undefined ? {} : { details }),
  };
}

function httpExceptionMessage(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') {
    return response;
  }
  const message = (response as { message?: unknown }).message;
  return typeof message === 'string' ? message : exception.message;
}

/**
 * Turns anything thrown while serving a request into the common error body. Unknown errors become a
 * generic 500 so no internals leak; `internal` tells the caller to log them.
 */
export function toErrorBody(exception: unknown, requestId: string): { body: ErrorBody; internal: boolean } {
  if (exception instanceof AppError) {
    const status = HTTP_STATUS_OF_KIND[exception.kind];
    return {
      body: body(status, exception.code, exception.message, requestId, exception.details),
      internal: false,
    };
  }
  if (exception instanceof ZodValidationException) {
    const zodError = exception.getZodError();
    const details = zodError instanceof ZodError ? zodProblems(zodError) : undefined;
    return {
      body: body(400, CommonErrorCode.ValidationFailed, 'Validation failed', requestId, details),
      internal: false,
    };
  }
  if (exception instanceof HttpException && exception.getStatus() < 500) {
    const status = exception.getStatus();
    const code =
      CODE_OF_HTTP_STATUS[status] ?? STATUS_CODES[status]?.toUpperCase().replace(/\W+/g, '_') ?? 'ERROR';
    return { body: body(status, code, httpExceptionMessage(exception), requestId), internal: false };
  }
  if (exception instanceof HttpException && exception.getStatus() === 503) {
    return {
      body: body(503, CommonErrorCode.ServiceUnavailable, 'Service unavailable', requestId),
      internal: false,
    };
  }
  return { body: body(500, CommonErrorCode.Internal, 'Internal server error', requestId), internal: true };
}
