import { createHmac, hkdfSync } from 'node:crypto';

/** The fingerprint key, derived from the access-token secret for this one use (HKDF, its own label). */
export function fingerprintKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'parley audit email fingerprint', 32));
}

/**
 * What an audit record keeps of an address no account has: 96 bits of a keyed hash of the normalised
 * address, in hex. Attempts on one address share it, so they can be told apart and grouped; without the
 * key, a list of guessed addresses cannot be matched against it.
 */
export function emailFingerprint(key: Buffer, email: string): string {
  return createHmac('sha256', key).update(email.trim().toLowerCase()).digest('hex').slice(0, 24);
}
