/** Messages the service worker posts to the app's windows. */
export const SW_MESSAGES = {
  /** `{ type, path }`: a notification was clicked; show this page. */
  open: 'parley:open',
  /** The push subscription was renewed: register it with the server again. */
  subscriptionChanged: 'parley:push-subscription-changed',
} as const;

/** The service worker's script: at the site root, so its scope can be the whole app. */
export const SERVICE_WORKER_URL = '/sw.js';
