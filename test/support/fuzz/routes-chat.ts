import fc from 'fast-check';
import { unsubscribeKey, unsubscribeToken } from '../../../src/notifications/digest/unsubscribe-token';
import { testEnv } from '../test-app';
import { RouteFuzz } from './route-fuzz';
import { fixtureId } from './hostile';
import {
  conversation,
  emoji,
  https,
  listCursor,
  message,
  messageRef,
  oneOf,
  sendMessageFields,
  token,
  upload,
  user,
} from './valid-values';

const UNSUBSCRIBE_KEY = unsubscribeKey(testEnv().JWT_ACCESS_SECRET);

/** The one-click unsubscribe's query: mostly `me`'s real token (so the settings change runs), else opaque. */
const unsubscribeQuery = (w: { me: { id: string } }) => ({
  token: fc.oneof(fc.constant(unsubscribeToken(UNSUBSCRIBE_KEY, w.me.id)), token),
});

/** Conversations, members and bans, messages, sync, push subscriptions, email digests and uploads. */
export const CHAT_ROUTES: Record<string, RouteFuzz> = {
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
        q: oneOf('team', 'fuzz gro', 'é', '?!', ''),
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
    shape: (w) => ({
      params: { id: conversation(w) },
      body: fc.record(
        {
          muted: fc.boolean(),
          mutedUntil: fc.constantFrom(null, '2099-01-01T00:00:00Z'),
          notify: oneOf('all', 'mentions', 'none'),
        },
        { requiredKeys: [] },
      ),
    }),
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

  // Public; what mail providers post (RFC 8058), form-encoded, or the web page's JSON.
  'POST /api/v1/notifications/email/unsubscribe': {
    shape: (w) => ({
      query: unsubscribeQuery(w),
      rawBody: fc.constantFrom(
        {
          contentType: 'application/x-www-form-urlencoded',
          bytes: Buffer.from('List-Unsubscribe=One-Click'),
        },
        { contentType: 'application/json', bytes: Buffer.from('{}') },
      ),
    }),
  },
  'GET /api/v1/notifications/email/unsubscribe': { shape: (w) => ({ query: unsubscribeQuery(w) }) },

  'POST /api/v1/uploads': { shape: () => ({ rawBody: upload }) },
  'DELETE /api/v1/uploads/:id': { shape: (w) => ({ params: { id: fixtureId(w.myUpload) } }) },
};
