import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * An API key reads `prk_<key id>_<secret>`: the prefix makes a leaked key recognisable (secret scanners,
 * logs), the key id finds its record by `_id` (the cheapest lookup), and the secret is 32 random bytes in
 * URL-safe base64. Only the secret's SHA-256 is stored: with 256 bits of entropy a fast hash cannot be
 * brute-forced, so no slow password hash is needed on every request.
 */
const PREFIX = 'prk';
const SECRET_BYTES = 32;
const KEY_PATTERN = /^prk_([a-f\d]{24})_([A-Za-z0-9_-]{43})$/;
const BEARER_PATTERN = /^Bearer[ \t]+(\S+)[ \t]*$/i;

export interface ApiKeyParts {
  keyId: string;
  secret: string;
}

export function newSecret(): string {
  return randomBytes(SECRET_BYTES).toString('base64url');
}

/** The part of a key that names it, shown in lists (never the secret). */
export function keyPrefix(keyId: string): string {
  return `${PREFIX}_${keyId}`;
}

export function formatApiKey(parts: ApiKeyParts): string {
  return `${keyPrefix(parts.keyId)}_${parts.secret}`;
}

/** The key in an `Authorization: Bearer <key>` header; undefined for anything not shaped like one. */
export function apiKeyOfHeader(header: string | undefined): ApiKeyParts | undefined {
  const match = KEY_PATTERN.exec(BEARER_PATTERN.exec(header ?? '')?.[1] ?? '');
  return match ? { keyId: match[1], secret: match[2] } : undefined;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Compares in constant time, so response times tell nothing about how much of a secret was right. */
export function secretHashesMatch(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}
