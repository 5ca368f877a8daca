import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { requestIdOf } from '../logging/request-id';

/** The HTTP request the running code serves, as records about it (the audit log) need it. */
export interface HttpRequestContext {
  readonly source: 'http';
  readonly requestId: string;
  /** The client address as Express derives it under `TRUST_PROXY`. */
  readonly ip: string;
  readonly userAgent: string;
  /** The signed-in caller; read when asked, since the auth guard sets it after this context begins. */
  caller(): AuthUser | undefined;
}

/** An operator command (`src/cli.ts`): no request, no caller. */
export interface CliContext {
  readonly source: 'cli';
}

/** A scheduled job acting on its own (a timed suspension lifting itself): no request, no caller. */
export interface ScheduleContext {
  readonly source: 'schedule';
}

export type RequestContext = HttpRequestContext | CliContext | ScheduleContext;

/**
 * Where the running code was called from, carried through every `await` by AsyncLocalStorage, so a
 * service deep in a call needs no extra parameter to say who asked and from where.
 */
const storage = new AsyncLocalStorage<RequestContext>();

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

export function runInContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

/**
 * Express middleware giving every request its context. Mounted after the body parsers: they call `next`
 * from the request stream's events, which would run the rest of the request outside a context begun earlier.
 */
export function bindRequestContext(request: Request, response: Response, next: NextFunction): void {
  const requestId = requestIdOf(request, response);
  const context: HttpRequestContext = {
    source: 'http',
    requestId,
    ip: request.ip ?? '',
    userAgent: request.get('user-agent') ?? '',
    caller: () => (request as Request & { user?: AuthUser }).user,
  };
  storage.run(context, next);
}
