import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** A user id: 24 lower-case hex digits (an ObjectId), the token's first part. */
const USER_ID = /^[a-f\d]{24}$/;
/** HMAC-SHA256 in unpadded base64url: 43 characters. */
const SIGNATURE_LENGTH = 43;

/** The unsubscribe-signing key, derived from the access-token secret for this one use (HKDF, its own label). */
export function unsubscribeKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'parley email digest unsubscribe', 32));
}

function signature(key: Buffer, userId: string): string {
  return createHmac('sha256', key).update(`email-digest-unsubscribe:${userId}`).digest('base64url');
}

/**
 * A user's unsubscribe token: their id followed by its signature, URL-safe without escaping. It does not
 * expire: RFC 8058 links must keep working as long as the email sits in an inbox, and all it can do is turn
 * the digests off. Changing `JWT_ACCESS_SECRET` invalidates every token sent before.
 */
export function unsubscribeToken(key: Buffer, userId: string): string {
  return `${userId}${signature(key, userId)}`;
}

/** The user a token was signed for, or null when it is malformed or its signature does not match. */
export function unsubscribeTokenUser(key: Buffer, token: string): string | null {
  const userId = token.slice(0, 24);
  const given = token.slice(24);
  if (!USER_ID.test(userId) || given.length !== SIGNATURE_LENGTH) {
    return null;
  }
  const expected = Buffer.from(signature(key, userId));
  const received = Buffer.from(given);
  return received.length === expected.length && timingSafeEqual(received, expected) ? userId : null;
}
