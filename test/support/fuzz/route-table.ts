import fc from 'fast-check';
import { Db, ObjectId } from 'mongodb';
import { exportLinkKey, signExportLink } from '../../../src/account/export-link';
import { AuditAction } from '../../../src/audit/audit-action';
import { Role } from '../../../src/common/auth/role';
import { UserStatus } from '../../../src/users/user.schema';
import { eventually } from '../eventually';
import { testEnv } from '../test-app';
import { CaseShape, HttpCase } from './http-case';
import { fixtureId } from './hostile';
import {
  CLIENT_ORIGIN,
  conversation,
  email,
  emoji,
  https,
  listCursor,
  message,
  messageRef,
  oneOf,
  password,
  sendMessageFields,
  token,
  upload,
  user,
} from './valid-values';
import { FRESH_USER_PASSWORD, userOf, World } from './world';

const EXPORT_LINK_KEY = exportLinkKey(testEnv().JWT_ACCESS_SECRET);

/**
 * How to fuzz one route. `as` says whose valid token a request carries: the world's `me`, a fresh session
 * of `me` per request (routes that end the session they run in), a fresh user per request (routes that end
 * the account), or an admin. `ownWorld`: the route can
 * wreck its fixtures (leave the group, revoke `me`), so it gets a world of its own. `refusalMayDelete`: a
 * refused request may legitimately remove documents (a refresh token replayed after its grace window
 * revokes its session, whose push subscriptions are deleted).
 */
export interface RouteFuzz {
  as?: 'fresh-session' | 'fresh-user' | 'admin';
  ownWorld?: boolean;
  refusalMayDelete?: boolean;
  shape(w: World): CaseShape;
  /** Keeps the world true to what an accepted request changed, or waits for what it set off to end. */
  accepted?(context: { world: World; case: HttpCase; token: string; db: Db }): Promise<void> | void;
}

/** Every REST route of the app; the fuzz suite fails when the app serves one that is not here. */
export const ROUTE_FUZZ: Record<string, RouteFuzz> = {
  'GET /api/v1/health': { shape: () => ({}) },
  'GET /api/v1/health/live': { shape: () => ({}) },
  'GET /api/v1/health/ready': { shape: () => ({}) },

  'POST /api/v1/auth/register': {
    shape: (w) => ({
      body: fc.record({ email: email(w), password: password(w), displayName: oneOf('Fuzz') }),
    }),
  },
  'POST /api/v1/auth/login': {
    shape: (w) => ({ body: fc.record({ email: email(w), password: password(w) }) }),
  },
  'POST /api/v1/auth/refresh': {
    ownWorld: true,
    refusalMayDelete: true,
    shape: (w) => ({
      body: fc.record({ refreshToken: fc.oneof(fc.constant(w.me.refreshToken), token) }),
    }),
  },
  'GET /api/v1/auth/me': { shape: () => ({}) },
  'POST /api/v1/auth/logout': { as: 'fresh-session', shape: () => ({}) },
  'POST /api/v1/auth/logout-all': { as: 'fresh-session', ownWorld: true, shape: () => ({}) },
  'GET /api/v1/auth/sessions': { shape: () => ({}) },
  'DELETE /api/v1/auth/sessions/:id': {
    as: 'fresh-session',
    ownWorld: true,
    shape: (w) => ({ params: { id: fixtureId(w.mySessionId) } }),
  },
  'POST /api/v1/auth/verify-email': { shape: () => ({ body: fc.record({ token: token }) }) },
  'POST /api/v1/auth/verify-email/send': { shape: () => ({}) },
  'POST /api/v1/auth/forgot-password': { shape: (w) => ({ body: fc.record({ email: email(w) }) }) },
  'POST /api/v1/auth/reset-password': {
    shape: (w) => ({ body: fc.record({ token, password: password(w) }) }),
  },
  'POST /api/v1/auth/change-password': {
    as: 'fresh-session',
    ownWorld: true,
    shape: (w) => ({ body: fc.record({ currentPassword: password(w), newPassword: password(w) }) }),
    // A changed password is the one later logins (fresh sessions) must use.
    accepted: ({ world, case: c }) => {
      world.me.password = (c.body as { json: { newPassword: string } }).json.newPassword;
    },
  },
  'GET /api/v1/auth/google': {
    shape: () => ({ query: { returnTo: oneOf(`${CLIENT_ORIGIN}/done`), link: token } }),
  },
  'GET /api/v1/auth/github': {
    shape: () => ({ query: { returnTo: oneOf(`${CLIENT_ORIGIN}/done`), link: token } }),
  },
  'GET /api/v1/auth/google/callback': {
    shape: () => ({
      query: { code: token, state: token, error: oneOf('access_denied'), scope: token },
    }),
  },
  'GET /api/v1/auth/github/callback': {
    shape: () => ({ query: { code: token, state: token, error: oneOf('access_denied') } }),
  },
  'POST /api/v1/auth/oauth/exchange': { shape: () => ({ body: fc.record({ code: token }) }) },
  'POST /api/v1/auth/oauth/link-ticket': {
    shape: () => ({
      body: fc.record(
        { provider: oneOf('google', 'github'), returnTo: oneOf(`${CLIENT_ORIGIN}/linked`) },
        { requiredKeys: ['provider'] },
      ),
    }),
  },
  'DELETE /api/v1/auth/identities/:provider': {
    ownWorld: true,
    shape: () => ({ params: { provider: oneOf('google', 'github', 'local') } }),
  },

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
  'GET /api/v1/users/me/blocks': { shape: () => ({}) },
  // A block of `other` would change what the shared world's direct chat allows.
  'PUT /api/v1/users/me/blocks/:userId': { ownWorld: true, shape: (w) => ({ params: { userId: user(w) } }) },
  'DELETE /api/v1/users/me/blocks/:userId': { shape: (w) => ({ params: { userId: user(w) } }) },

  'POST /api/v1/conversations/direct': { shape: (w) => ({ body: fc.record({ userId: user(w) }) }) },
  'POST /api/v1/conversations/group': {
    shape: (w) => ({
      body: fc.record(
        {
          title: oneOf('Fuzz group'),
          name: oneOf('Fuzz group'),
          avatarUrl: https,
          memberIds: fc.array(user(w), { maxLength: 3 }),
        },
        { requiredKeys: [] },
      ),
    }),
  },
  'GET /api/v1/conversations': {
    shape: (w) => ({
      query: {
        limit: oneOf('1', '20', '100'),
        cursor: listCursor(w),
      },
    }),
  },
  'GET /api/v1/conversations/:id': { shape: (w) => ({ params: { id: conversation(w) } }) },
  'PATCH /api/v1/conversations/:id': {
    shape: (w) => ({
      params: { id: conversation(w) },
      body: fc.record(
        { title: oneOf('Renamed'), avatarUrl: fc.oneof(https, fc.constant(null)) },
        { requiredKeys: [] },
      ),
    }),
  },
  'PATCH /api/v1/conversations/:id/me': {
    shape: (w) => ({ params: { id: conversation(w) }, body: fc.record({ muted: fc.boolean() }) }),
  },
  'POST /api/v1/conversations/:id/members': {
    ownWorld: true,
    shape: (w) => ({
      params: { id: conversation(w) },
      body: fc.record({ userIds: fc.array(user(w), { maxLength: 3 }) }),
    }),
  },
  'DELETE /api/v1/conversations/:id/members/:userId': {
    ownWorld: true,
    shape: (w) => ({ params: { id: conversation(w), userId: user(w) } }),
  },
  'PATCH /api/v1/conversations/:id/members/:userId': {
    ownWorld: true,
    shape: (w) => ({
      params: { id: conversation(w), userId: user(w) },
      body: fc.record({ role: oneOf('owner', 'admin', 'member') }),
    }),
  },

  'POST /api/v1/conversations/:id/bans': {
    ownWorld: true,
    shape: (w) => ({
      params: { id: conversation(w) },
      body: fc.record({ userId: user(w), reason: oneOf('spam') }, { requiredKeys: ['userId'] }),
    }),
  },
  'GET /api/v1/conversations/:id/bans': { shape: (w) => ({ params: { id: conversation(w) } }) },
  'DELETE /api/v1/conversations/:id/bans/:userId': {
    shape: (w) => ({ params: { id: conversation(w), userId: user(w) } }),
  },

  'POST /api/v1/conversations/:id/messages': {
    shape: (w) => ({ params: { id: conversation(w) }, body: sendMessageFields(w) }),
  },
  'GET /api/v1/conversations/:id/messages': {
    shape: (w) => ({
      params: { id: conversation(w) },
      query: { before: oneOf('2', '1'), after: oneOf('0', '1'), limit: oneOf('1', '100') },
    }),
  },
  'GET /api/v1/conversations/:id/messages/:messageId': { shape: (w) => ({ params: messageRef(w) }) },
  'PATCH /api/v1/conversations/:id/messages/:messageId': {
    shape: (w) => ({ params: messageRef(w), body: fc.record({ content: oneOf('edited') }) }),
  },
  'DELETE /api/v1/conversations/:id/messages/:messageId': {
    ownWorld: true,
    shape: (w) => ({ params: messageRef(w) }),
  },
  'PUT /api/v1/conversations/:id/messages/:messageId/reactions/:emoji': {
    shape: (w) => ({ params: { ...messageRef(w), emoji } }),
  },
  'DELETE /api/v1/conversations/:id/messages/:messageId/reactions/:emoji': {
    shape: (w) => ({ params: { ...messageRef(w), emoji } }),
  },
  'GET /api/v1/conversations/:id/messages/:messageId/receipts': { shape: (w) => ({ params: messageRef(w) }) },
  'POST /api/v1/conversations/:id/read': {
    shape: (w) => ({
      params: { id: conversation(w) },
      body: fc.record(
        { seq: fc.oneof(fc.nat(), fc.constant(w.otherMessage.seq)), messageId: message(w) },
        { requiredKeys: [] },
      ),
    }),
  },
  'GET /api/v1/sync': {
    shape: () => ({
      query: { since: fc.oneof(token, fc.stringMatching(/^[\w-]{22}$/)), limit: oneOf('1', '500') },
    }),
  },

  'GET /api/v1/notifications/vapid-public-key': { shape: () => ({}) },
  'POST /api/v1/notifications/push-subscriptions': {
    shape: (w) => ({
      body: fc.record(
        {
          endpoint: oneOf(w.subscription.endpoint, 'http://localhost:6379/'),
          expirationTime: fc.oneof(fc.constant(null), fc.nat()),
          keys: fc.record({
            p256dh: oneOf(w.subscription.keys.p256dh),
            auth: oneOf(w.subscription.keys.auth),
          }),
        },
        { requiredKeys: ['endpoint', 'keys'] },
      ),
    }),
  },
  'GET /api/v1/notifications/push-subscriptions': { shape: () => ({}) },
  'DELETE /api/v1/notifications/push-subscriptions': {
    shape: (w) => ({ body: fc.record({ endpoint: oneOf(w.subscription.endpoint) }) }),
  },

  'GET /api/v1/admin/users': {
    as: 'admin',
    shape: () => ({ query: { role: oneOf(...Object.values(Role)), q: oneOf('user', 'fuzz') } }),
  },
  // Role changes and suspensions of the world's users would change what every other route may do.
  'PATCH /api/v1/admin/users/:id': {
    as: 'admin',
    ownWorld: true,
    shape: (w) => ({ params: { id: user(w) }, body: fc.record({ role: oneOf(...Object.values(Role)) }) }),
  },
  'POST /api/v1/admin/users/:id/suspend': {
    as: 'admin',
    ownWorld: true,
    shape: (w) => ({
      params: { id: user(w) },
      body: fc.record(
        {
          reason: oneOf('spam'),
          durationHours: fc.oneof(fc.constant(0.5), fc.integer({ min: 1, max: 87_600 })),
        },
        { requiredKeys: ['reason'] },
      ),
    }),
  },
  'DELETE /api/v1/admin/users/:id/suspend': { as: 'admin', shape: (w) => ({ params: { id: user(w) } }) },
  'GET /api/v1/admin/audit': {
    as: 'admin',
    shape: (w) => ({
      query: {
        actorId: user(w),
        action: oneOf(...Object.values(AuditAction)),
        targetId: user(w),
        from: oneOf('2020-01-01T00:00:00Z', new Date().toISOString()),
        to: oneOf('2999-01-01T00:00:00+02:00', new Date().toISOString()),
        cursor: listCursor(w),
        limit: oneOf('1', '100'),
      },
    }),
  },

  'POST /api/v1/uploads': { shape: () => ({ rawBody: upload }) },
  'DELETE /api/v1/uploads/:id': { shape: (w) => ({ params: { id: fixtureId(w.myUpload) } }) },
};
