import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
// pino-http declares `IncomingMessage.id`; imported here so every program that reads this file sees it.
import type {} from 'pino-http';

export const REQUEST_ID_HEADER = 'x-request-id';

// An incoming id is trusted only if it is short and plain, so it cannot forge log lines or bloat them.
const ACCEPTABLE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Takes the caller's X-Request-Id when it is sane, or makes one, and echoes it on the response. */
export function resolveRequestId(request: IncomingMessage, response: ServerResponse): string {
  const incoming = request.headers[REQUEST_ID_HEADER];
  const id = typeof incoming === 'string' && ACCEPTABLE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  response.setHeader('X-Request-Id', id);
  return id;
}

/**
 * Express middleware that runs before anything else (body parsing included), so that even a request
 * rejected by the parser has an id in its error body. pino-http later reuses the same id.
 */
export function assignRequestId(request: IncomingMessage, response: ServerResponse, next: () => void): void {
  request.id ??= resolveRequestId(request, response);
  next();
}

export function requestIdOf(request: IncomingMessage, response: ServerResponse): string {
  return typeof request.id === 'string' ? request.id : resolveRequestId(request, response);
}
