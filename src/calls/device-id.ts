import { createHash } from 'node:crypto';

/**
 * The id other participants know a device by: derived from the auth session behind its socket, stable
 * across that session's reconnects, and revealing nothing of the session id itself.
 */
export function deviceIdOf(sessionId: string): string {
  return createHash('sha256').update(`parley-call-device:${sessionId}`).digest('hex').slice(0, 16);
}
