import { BadRequestException, NotFoundException } from '@nestjs/common';
import { ZodValidationException } from 'nestjs-zod';
import { z } from 'zod';
import { AppError, ErrorKind } from './app-error';
import { CommonError, CommonErrorCode } from './common-errors';
import { toErrorBody } from './error-response';

describe('toErrorBody', () => {
  it('maps a module error to its kind status and keeps its code and details', () => {
    const error = new AppError('NOT_MEMBER', ErrorKind.NotFound, 'Conversation not found', { id: 'x' });
    expect(toErrorBody(error, 'req-1')).toEqual({
      internal: false,
      body: {
        statusCode: 404,
        error: 'Not Found',
        code: 'NOT_MEMBER',
        message: 'Conversation not found',
        requestId: 'req-1',
        details: { id: 'x' },
      },
    });
  });

  it('lists per-field problems for zod validation failures', () => {
    const parsed = z.strictObject({ email: z.email(), age: z.number() }).safeParse({ email: 'no', age: 'x' });
    const { body } = toErrorBody(new ZodValidationException(parsed.error), 'req-2');
    expect(body).toMatchObject({ statusCode: 400, code: CommonErrorCode.ValidationFailed });
    expect(body.details).toEqual([
      { path: 'email', message: expect.any(String) },
      { path: 'age', message: expect.any(String) },
    ]);
  });

  it('keeps framework 4xx errors but gives them a stable code', () => {
    expect(toErrorBody(new NotFoundException('Cannot GET /x'), 'r').body).toMatchObject({
      statusCode: 404,
      code: 'NOT_FOUND',
      message: 'Cannot GET /x',
    });
    expect(toErrorBody(new BadRequestException(), 'r').body.code).toBe('VALIDATION_FAILED');
  });

  it('hides unknown errors behind a generic 500 and flags them for logging', () => {
    const result = toErrorBody(new TypeError('secret internals at /srv/app.js:10'), 'r');
    expect(result.internal).toBe(true);
    expect(result.body).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      code: 'INTERNAL',
      message: 'Internal server error',
      requestId: 'r',
    });
  });

  it('renders common errors with their default message', () => {
    expect(toErrorBody(new CommonError(CommonErrorCode.RateLimited), 'r').body).toMatchObject({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: 'Too many requests',
    });
  });
});
