import type { ErrorBody } from './types';

/** A failed API call, carrying Parley's error body (`code` is what UIs branch on). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly requestId: string | undefined;

  constructor(status: number, body: Partial<ErrorBody> | undefined) {
    super(body?.message ?? `Request failed (${status})`);
    this.name = 'ApiError';
    this.status = status;
    this.code = body?.code ?? (status === 0 ? 'NETWORK_ERROR' : 'HTTP_' + status);
    this.details = body?.details;
    this.requestId = body?.requestId;
  }

  /** Field messages from a VALIDATION_FAILED answer, keyed by field path. */
  fieldErrors(): Record<string, string> {
    if (!Array.isArray(this.details)) {
      return {};
    }
    const fields: Record<string, string> = {};
    for (const item of this.details as Array<{ path?: unknown; message?: unknown }>) {
      if (typeof item.path === 'string' && typeof item.message === 'string') {
        fields[item.path] ??= item.message;
      }
    }
    return fields;
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    return error.code === 'NETWORK_ERROR' ? 'Cannot reach the server. Check your connection.' : error.message;
  }
  return error instanceof Error ? error.message : 'Something went wrong';
}
