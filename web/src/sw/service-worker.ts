/**
 * Parley's service worker, built to /sw.js (see vite.config.ts) and registered with scope `/`. It only
 * handles Web Push: it caches nothing and intercepts no request, so a new version may take over at once.
 */
import { notificationFor, parsePush, shouldNotify, windowToOpen } from '../push/push-notification';
import { SW_MESSAGES } from '../push/sw-messages';

// The few service-worker types used here (the client's TypeScript program is built with the DOM library,
// which lacks them; the WebWorker library would clash with it).
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface PushEvent extends ExtendableEvent {
  readonly data: { json(): unknown } | null;
}
interface NotificationEvent extends ExtendableEvent {
  readonly notification: Notification;
}
interface PushSubscriptionChangeEvent extends ExtendableEvent {
  readonly oldSubscription: PushSubscription | null;
  readonly newSubscription: PushSubscription | null;
}
interface WindowClient {
  readonly url: string;
  readonly focused: boolean;
  readonly visibilityState: DocumentVisibilityState;
  focus(): Promise<WindowClient>;
  navigate(url: string): Promise<WindowClient | null>;
  postMessage(message: unknown): void;
}
interface ServiceWorkerScope {
  readonly registration: ServiceWorkerRegistration;
  readonly location: Location;
  readonly clients: {
    matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<WindowClient[]>;
    openWindow(url: string): Promise<WindowClient | null>;
    claim(): Promise<void>;
  };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'push', listener: (event: PushEvent) => void): void;
  addEventListener(type: 'notificationclick', listener: (event: NotificationEvent) => void): void;
  addEventListener(
    type: 'pushsubscriptionchange',
    listener: (event: PushSubscriptionChangeEvent) => void,
  ): void;
}

const worker = self as unknown as ServiceWorkerScope;

const windows = () => worker.clients.matchAll({ type: 'window', includeUncontrolled: true });

worker.addEventListener('install', (event) => event.waitUntil(worker.skipWaiting()));
worker.addEventListener('activate', (event) => event.waitUntil(worker.clients.claim()));

worker.addEventListener('push', (event) => event.waitUntil(showPush(event)));

async function showPush(event: PushEvent): Promise<void> {
  let data: unknown = null;
  try {
    data = event.data?.json() ?? null;
  } catch {
    // Not JSON: shown as a generic notification below.
  }
  const push = parsePush(data);
  if (!shouldNotify(push, await windows())) {
    return;
  }
  const { title, options } = notificationFor(push);
  await worker.registration.showNotification(title, options);
}

worker.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const { url } = (event.notification.data ?? {}) as { url?: string };
  event.waitUntil(
    openPage(typeof url === 'string' && url.startsWith('/') && !url.startsWith('//') ? url : '/'),
  );
});

/** Brings a Parley window forward and shows the page there (the app routes it), or opens a new one. */
async function openPage(path: string): Promise<void> {
  const target = windowToOpen(await windows());
  if (!target) {
    await worker.clients.openWindow(path);
    return;
  }
  const focused = await target.focus();
  focused.postMessage({ type: SW_MESSAGES.open, path });
}

worker.addEventListener('pushsubscriptionchange', (event) => event.waitUntil(renew(event)));

/**
 * The push service replaced or expired the subscription: subscribe again with the same server key. The
 * worker holds no access token, so an open window sends the new subscription to the server; otherwise the
 * app does on its next start (it registers its subscription every time it starts).
 */
async function renew(event: PushSubscriptionChangeEvent): Promise<void> {
  const applicationServerKey = event.oldSubscription?.options.applicationServerKey;
  const renewed =
    event.newSubscription ??
    (applicationServerKey
      ? await worker.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey })
      : null);
  if (renewed) {
    for (const client of await windows()) {
      client.postMessage({ type: SW_MESSAGES.subscriptionChanged });
    }
  }
}
