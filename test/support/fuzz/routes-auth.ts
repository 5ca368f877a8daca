import fc from 'fast-check';
import { RouteFuzz } from './route-fuzz';
import { fixtureId } from './hostile';
import { CLIENT_ORIGIN, email, oneOf, password, token } from './valid-values';

/** Health, sign-up and sign-in, sessions, email flows and OAuth. */
export const AUTH_ROUTES: Record<string, RouteFuzz> = {
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
  // Ends the world's other sessions (its main one included), so it gets a world of its own.
  'POST /api/v1/auth/logout-others': { as: 'fresh-session', ownWorld: true, shape: () => ({}) },
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
  'GET /api/v1/auth/providers': { shape: () => ({}) },
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
};
