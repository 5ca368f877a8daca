import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** The link-signing key, derived from the access-token secret for this one use (HKDF, its own label). */
export function exportLinkKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'parley account export link', 32));
}

/** The signature of a download link: an HMAC of the export id and the expiry (epoch seconds), base64url. */
export function signExportLink(key: Buffer, exportId: string, expires: number): string {
  return createHmac('sha256', key).update(`export:${exportId}:${expires}`).digest('base64url');
}

/** Whether `signature` signs this export id and expiry; compared in constant time. */
export function exportLinkSignatureValid(
  key: Buffer,
  exportId: string,
  expires: number,
  signature: string,
): boolean {
  const expected = Buffer.from(signExportLink(key, exportId, expires));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
