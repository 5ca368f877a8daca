import fc from 'fast-check';
import { ObjectId } from 'mongodb';
import { exportLinkKey, signExportLink } from '../../../src/account/export-link';
import { UserStatus } from '../../../src/users/user.schema';
import { eventually } from '../eventually';
import { testEnv } from '../test-app';
import { RouteFuzz } from './route-fuzz';
import { fixtureId } from './hostile';
import { https, oneOf, token, user } from './valid-values';
import { FRESH_USER_PASSWORD, userOf } from './world';

const EXPORT_LINK_KEY = exportLinkKey(testEnv().JWT_ACCESS_SECRET);

/** Users: profiles, search, presence, blocks, and the caller's own data (export, deletion). */
export const USER_ROUTES: Record<string, RouteFuzz> = {
  'GET /api/v1/users/me': { shape: () => ({}) },
  'PATCH /api/v1/users/me': {
    shape: () => ({
      body: fc.record(
        { displayName: oneOf('Renamed'), avatarUrl: https, hideLastSeen: fc.boolean() },
        { requiredKeys: [] },
      ),
    }),
  },
  'GET /api/v1/users/search': {
    shape: () => ({ query: { q: oneOf('user', 'USER_', 'a\u0000b') } }),
  },
  'POST /api/v1/users/me/export': { shape: () => ({}) },
  'GET /api/v1/users/me/export': { shape: () => ({}) },
  'GET /api/v1/users/me/export/:exportId/download': {
    shape: (w) => {
      // Signed for one id, so that a valid signature reaches the lookup (no export has that id).
      const exportId = w.myMessage.id;
      const expires = [Math.floor(Date.now() / 1000) - 60, Math.floor(Date.now() / 1000) + 3600];
      return {
        params: { exportId: fc.constant(exportId) },
        query: {
          expires: oneOf(...expires.map(String)),
          signature: fc.oneof(
            oneOf(...expires.map((at) => signExportLink(EXPORT_LINK_KEY, exportId, at))),
            token,
          ),
        },
      };
    },
  },
  'DELETE /api/v1/users/me': {
    as: 'fresh-user',
    shape: () => ({
      body: fc.record({ password: oneOf(FRESH_USER_PASSWORD, 'not the password') }, { requiredKeys: [] }),
    }),
    // The erasure runs in the background and removes documents; it must be over before the next count.
    accepted: ({ token, db }) =>
      eventually(async () => {
        const user = await db.collection('users').findOne({ _id: new ObjectId(userOf(token)) });
        expect(user?.status).toBe(UserStatus.Deleted);
      }),
  },
  'GET /api/v1/users/:id': { shape: (w) => ({ params: { id: user(w) } }) },
  'PATCH /api/v1/users/:id/status': {
    as: 'admin',
    ownWorld: true,
    shape: (w) => ({
      params: { id: fixtureId(w.other.id, w.outsider.id) },
      body: fc.record({ status: oneOf('active', 'disabled') }),
    }),
  },
  'GET /api/v1/users/presence': {
    shape: (w) => ({
      query: {
        ids: fc.oneof(
          fc.array(user(w), { maxLength: 3 }).map((ids) => ids.join(',')),
          fc.constant(Array.from({ length: 201 }, (_, i) => i.toString(16).padStart(24, '0')).join(',')),
        ),
      },
    }),
  },
  'GET /api/v1/users/:id/presence': { shape: (w) => ({ params: { id: user(w) } }) },
  'GET /api/v1/users/me/notification-settings': { shape: () => ({}) },
  'PATCH /api/v1/users/me/notification-settings': {
    shape: () => ({
      body: fc.record(
        {
          emailDigest: fc.boolean(),
          emailDelayMinutes: fc.integer({ min: 1, max: 1440 }),
          push: fc.boolean(),
          quietHours: fc.oneof(
            fc.constant(null),
            fc.record({
              start: oneOf('22:00'),
              end: oneOf('07:00'),
              timeZone: oneOf('Europe/Lisbon', 'UTC'),
            }),
          ),
        },
        { requiredKeys: [] },
      ),
    }),
  },
  'GET /api/v1/users/me/blocks': { shape: () => ({}) },
  // A block of `other` would change what the shared world's direct chat allows.
  'PUT /api/v1/users/me/blocks/:userId': { ownWorld: true, shape: (w) => ({ params: { userId: user(w) } }) },
  'DELETE /api/v1/users/me/blocks/:userId': { shape: (w) => ({ params: { userId: user(w) } }) },
};
