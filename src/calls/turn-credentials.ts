import { createHmac } from 'node:crypto';

/** A TURN username and password, valid until `expiresAt` (unix seconds). */
export interface TurnCredential {
  readonly username: string;
  readonly credential: string;
  readonly expiresAt: number;
}

/**
 * Signs a TURN credential in coturn's REST-API scheme (`use-auth-secret`, draft-uberti-behave-turn-rest):
 * the username is `<expiry unix seconds>:<userId>` and the password base64(HMAC-SHA1(secret, username)).
 * coturn recomputes the HMAC with the same secret and refuses the username once its expiry has passed, so
 * no credential is stored anywhere and none outlives its TTL.
 */
export function signTurnCredential(
  secret: string,
  userId: string,
  ttlSeconds: number,
  nowMs: number = Date.now(),
): TurnCredential {
  const expiresAt = Math.floor(nowMs / 1000) + ttlSeconds;
  const username = `${expiresAt}:${userId}`;
  return { username, credential: turnPassword(secret, username), expiresAt };
}

/** The password coturn expects for `username`. */
export function turnPassword(secret: string, username: string): string {
  return createHmac('sha1', secret).update(username).digest('base64');
}
