import type { RegisterPushSubscriptionBody } from '../api/types';

/**
 * The server's VAPID public key (URL-safe base64, unpadded) as the bytes `pushManager.subscribe()` wants
 * for `applicationServerKey`. Padded and standard base64 are accepted too.
 */
export function base64UrlToBytes(value: string): Uint8Array<ArrayBuffer> {
  const standard = value.trim().replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(standard) || standard.length % 4 === 1) {
    throw new Error('The server sent a malformed push key');
  }
  const binary = atob(standard + '='.repeat((4 - (standard.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let index = 0; index < binary.length; index += 1) {
    bytes[index] = binary.charCodeAt(index);
  }
  return bytes;
}

/** `PushSubscription.toJSON()` as the server's register route takes it (it rejects unknown keys). */
export function subscriptionBody(json: PushSubscriptionJSON): RegisterPushSubscriptionBody {
  const { endpoint, expirationTime, keys } = json;
  if (!endpoint || !keys?.p256dh || !keys.auth) {
    throw new Error('The browser gave a push subscription without its keys');
  }
  return { endpoint, expirationTime: expirationTime ?? null, keys: { p256dh: keys.p256dh, auth: keys.auth } };
}
