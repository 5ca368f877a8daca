import { Db } from 'mongodb';
import { RawResponse } from '../raw-http';

const ERROR_KEYS = ['code', 'details', 'error', 'message', 'requestId', 'statusCode'];

/** Throws unless the response is no server fault and, when refused, carries exactly the one error body. */
export function checkResponse(res: RawResponse, what: string): void {
  if (res.status >= 500) {
    throw new Error(`${what}: server fault ${res.status} ${JSON.stringify(res.body)}`);
  }
  if (res.status < 400) {
    return;
  }
  const body = res.body as Record<string, unknown> | null;
  const keys = body !== null && typeof body === 'object' ? Object.keys(body).sort() : [];
  const shaped =
    keys.every((key) => ERROR_KEYS.includes(key)) &&
    body?.statusCode === res.status &&
    typeof body.error === 'string' &&
    typeof body.code === 'string' &&
    /^[A-Z][A-Z0-9_]*$/.test(body.code) &&
    body.code !== 'INTERNAL' &&
    typeof body.message === 'string' &&
    typeof body.requestId === 'string' &&
    body.requestId === res.headers['x-request-id'];
  if (!shaped) {
    throw new Error(`${what}: ${res.status} without the error shape: ${JSON.stringify(res.body)}`);
  }
}

/** Throws unless `ack` is exactly `{ ok: true, data }` or `{ ok: false, error: { code, message, details? } }`. */
export function checkAck(ack: unknown, what: string): void {
  const answer = ack as { ok?: unknown; data?: unknown; error?: Record<string, unknown> } | null;
  const keys = answer !== null && typeof answer === 'object' ? Object.keys(answer).sort().join(',') : '';
  if (answer?.ok === true && keys === 'data,ok') {
    return;
  }
  const error = answer?.error;
  const errorKeys = error && typeof error === 'object' ? Object.keys(error) : [];
  const shaped =
    answer?.ok === false &&
    keys === 'error,ok' &&
    errorKeys.every((key) => ['code', 'message', 'details'].includes(key)) &&
    typeof error?.code === 'string' &&
    /^[A-Z][A-Z0-9_]*$/.test(error.code) &&
    error.code !== 'INTERNAL' &&
    typeof error.message === 'string';
  if (!shaped) {
    throw new Error(`${what}: ack is a fault or not in the ack shape: ${JSON.stringify(ack)}`);
  }
}

/**
 * How many documents `collections` hold, read from each one's metadata count (exact on FerretDB, and on
 * MongoDB after a clean shutdown), the cheapest read there is: it is taken around every refused request.
 */
export async function documentCount(db: Db, collections: readonly string[]): Promise<number> {
  const counts = await Promise.all(collections.map((name) => db.collection(name).estimatedDocumentCount()));
  return counts.reduce((sum, count) => sum + count, 0);
}

/** Throws when a refused request stored documents (or removed some, unless it may: see `refusalMayDelete`). */
export function checkNothingStored(before: number, after: number, what: string, mayDelete = false): void {
  if (after > before || (after < before && !mayDelete)) {
    throw new Error(`${what}: refused, yet the database went from ${before} to ${after} documents`);
  }
}

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort().join(',');

/** Throws when a request polluted Object.prototype (the app runs in this process). */
export function checkPrototypeClean(what: string): void {
  const now = Object.getOwnPropertyNames(Object.prototype).sort().join(',');
  if (now !== PROTOTYPE_KEYS || typeof Object.prototype.toString !== 'function') {
    throw new Error(`${what}: Object.prototype was polluted (${now})`);
  }
}
