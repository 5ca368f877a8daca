import fc from 'fast-check';
import { fixtureId, hostileString } from './hostile';
import { RouteFuzz } from './route-fuzz';
import { oneOf } from './valid-values';
import { World } from './world';

const notification = (w: World) => fixtureId(w.myNotification, w.otherNotification);

/** An inbox cursor as the server encodes one, with keys in and out of range. */
const inboxCursor = (w: World) =>
  fc
    .record({
      t: fc.oneof(fc.integer({ min: 0, max: Date.now() + 1e9 }), fc.double()),
      id: fc.oneof(notification(w), hostileString),
    })
    .map((key) => Buffer.from(JSON.stringify(key)).toString('base64url'));

/** The inbox (GET/POST/DELETE /notifications...). */
export const NOTIFICATION_ROUTES: Record<string, RouteFuzz> = {
  'GET /api/v1/notifications': {
    shape: (w) => ({
      query: { cursor: inboxCursor(w), limit: oneOf('1', '30', '100'), unread: oneOf('true', 'false') },
    }),
  },
  'GET /api/v1/notifications/unread-count': { shape: () => ({}) },
  'POST /api/v1/notifications/read-all': {
    shape: () => ({
      body: fc.record(
        { before: oneOf('2026-01-01T00:00:00Z', '2030-06-01T12:00:00.000+02:00', new Date().toISOString()) },
        { requiredKeys: [] },
      ),
    }),
  },
  'POST /api/v1/notifications/:id/read': { shape: (w) => ({ params: { id: notification(w) } }) },
  'DELETE /api/v1/notifications/:id': { shape: (w) => ({ params: { id: notification(w) } }) },
};
