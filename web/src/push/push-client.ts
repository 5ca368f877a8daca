import type { HttpClient } from '../api/http';
import { base64UrlToBytes, subscriptionBody } from './push-keys';
import { SERVICE_WORKER_URL } from './sw-messages';

const SUBSCRIPTIONS = '/notifications/push-subscriptions';

/**
 * Who turned push on in this browser. The browser's subscription outlives a sign-out (the server forgets
 * it with the session); only that user's next sign-in registers it again, never another account's.
 */
const OWNER_KEY = 'parley.push.owner';

function owner(): string | null {
  try {
    return localStorage.getItem(OWNER_KEY);
  } catch {
    return null;
  }
}

function setOwner(userId: string | null): void {
  try {
    if (userId) {
      localStorage.setItem(OWNER_KEY, userId);
    } else {
      localStorage.removeItem(OWNER_KEY);
    }
  } catch {
    // Storage disabled: push then stays off after the next sign-in until turned on again.
  }
}

/** Whether this browser can receive Web Push at all (Safari on iOS only once added to the Home Screen). */
export function pushSupported(): boolean {
  return (
    typeof navigator !== 'undefined' &&
    'serviceWorker' in navigator &&
    typeof window !== 'undefined' &&
    'PushManager' in window &&
    'Notification' in window
  );
}

/** Registers the service worker at start (it shows pushes and handles clicks on them). */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) {
    return;
  }
  navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: '/' }).catch((error: unknown) => {
    console.warn('The service worker could not be registered; notifications will not work', error);
  });
}

async function activeRegistration(): Promise<ServiceWorkerRegistration> {
  await navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: '/' });
  return navigator.serviceWorker.ready;
}

/** This browser's push subscription for Parley, if it has one. */
export async function currentSubscription(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.getRegistration('/');
  return (await registration?.pushManager.getSubscription()) ?? null;
}

/** Whether push is on in this browser for this user. */
export async function pushEnabledFor(userId: string): Promise<boolean> {
  return owner() === userId && (await currentSubscription()) !== null;
}

/** Thrown when the user did not allow notifications. */
export class PermissionNotGranted extends Error {
  constructor(readonly permission: NotificationPermission) {
    super(`Notification permission: ${permission}`);
    this.name = 'PermissionNotGranted';
  }
}

/**
 * Turns push on for this browser: asks for permission (call it from a click), subscribes with the server's
 * VAPID key and registers the subscription with the server. A subscription made for another key (the
 * server's keys changed) is replaced.
 */
export async function enablePush(http: HttpClient, userId: string): Promise<void> {
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') {
    throw new PermissionNotGranted(permission);
  }
  const { publicKey } = await http.get<{ publicKey: string }>('/notifications/vapid-public-key');
  const key = base64UrlToBytes(publicKey);
  const registration = await activeRegistration();
  let subscription = await registration.pushManager.getSubscription();
  if (subscription && !sameBytes(subscription.options.applicationServerKey, key)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: key,
  });
  try {
    await http.post(SUBSCRIPTIONS, subscriptionBody(subscription.toJSON()));
  } catch (error) {
    // "On" means registered with the server too: a subscription it does not know would never get a push.
    await subscription.unsubscribe();
    throw error;
  }
  setOwner(userId);
}

/** Turns push off for this browser: it stops receiving at once, then the server forgets the endpoint. */
export async function disablePush(http: HttpClient): Promise<void> {
  const subscription = await currentSubscription();
  if (!subscription) {
    return;
  }
  const { endpoint } = subscription;
  await subscription.unsubscribe();
  setOwner(null);
  await http.request<void>(SUBSCRIPTIONS, { method: 'DELETE', body: { endpoint } });
}

/**
 * Registers this browser's subscription with the server again: after signing in (a subscription belongs
 * to the session that registered it) and when the push service renewed it. Idempotent on the server.
 */
export async function reregisterPush(http: HttpClient, userId: string): Promise<void> {
  if (!pushSupported() || Notification.permission !== 'granted' || owner() !== userId) {
    return;
  }
  const subscription = await currentSubscription();
  if (subscription) {
    await http.post(SUBSCRIPTIONS, subscriptionBody(subscription.toJSON()));
  }
}

function sameBytes(buffer: ArrayBuffer | null, bytes: Uint8Array): boolean {
  if (!buffer || buffer.byteLength !== bytes.length) {
    return false;
  }
  const view = new Uint8Array(buffer);
  return view.every((byte, index) => byte === bytes[index]);
}
