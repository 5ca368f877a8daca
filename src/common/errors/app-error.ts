/**
 * What kind of failure an error is, independent of transport. The HTTP filter and the socket gateway each
 * map kinds to their own representation in one place (`error-kinds.ts`).
 */
export enum ErrorKind {
  Invalid = 'invalid',
  Unauthenticated = 'unauthenticated',
  Forbidden = 'forbidden',
  NotFound = 'not_found',
  Conflict = 'conflict',
  Gone = 'gone',
  TooLarge = 'too_large',
  UnsupportedType = 'unsupported_type',
  Unprocessable = 'unprocessable',
  RateLimited = 'rate_limited',
  Unavailable = 'unavailable',
  /** A service Parley depends on failed (not Parley itself): the request may succeed later. */
  BadGateway = 'bad_gateway',
}

/** Base class of every module's coded error. `code` is stable and documented; `message` is for humans. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A module's table of codes: each code's kind and default message. */
export type ErrorTable<Code extends string> = Record<Code, { kind: ErrorKind; message: string }>;

/** Builds a module's error class from its table, so each module declares codes, not plumbing. */
export function defineErrors<Code extends string>(name: string, table: ErrorTable<Code>) {
  return class extends AppError {
    constructor(code: Code, message?: string, details?: unknown) {
      super(code, table[code].kind, message ?? table[code].message, details);
      this.name = name;
    }
  };
}
