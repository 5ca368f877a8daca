import fc from 'fast-check';
import { hostileString } from './hostile';
import { RouteFuzz } from './route-fuzz';
import { conversation, oneOf } from './valid-values';

/** A call list cursor as the server encodes one, with keys in and out of range. */
const callCursor = fc
  .record({
    t: fc.oneof(fc.integer({ min: 0, max: Date.now() + 1e9 }), fc.double()),
    id: fc.oneof(fc.constant('64b7f0c2a1b2c3d4e5f60718'), hostileString),
  })
  .map((key) => Buffer.from(JSON.stringify(key)).toString('base64url'));

const listQuery = { cursor: callCursor, limit: oneOf('1', '30', '100') };

/** Calls: ICE servers, a conversation's live call, and call history. */
export const CALL_ROUTES: Record<string, RouteFuzz> = {
  'GET /api/v1/calls/ice-servers': { shape: () => ({}) },
  'GET /api/v1/calls': { shape: () => ({ query: listQuery }) },
  'GET /api/v1/conversations/:id/calls': {
    shape: (w) => ({ params: { id: conversation(w) }, query: listQuery }),
  },
  'GET /api/v1/conversations/:id/calls/active': { shape: (w) => ({ params: { id: conversation(w) } }) },
};
