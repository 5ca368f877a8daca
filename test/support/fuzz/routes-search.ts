import fc from 'fast-check';
import { RouteFuzz } from './route-fuzz';
import { hostileString } from './hostile';
import { conversation, oneOf, user } from './valid-values';
import { World } from './world';

const messageTime = oneOf('2000-01-01T00:00:00Z', '2099-01-01T00:00:00+02:00', '1970-01-01T00:00:00.000Z');

/** A search cursor as the server encodes one (an index entry: base36 time, a dot, a message id), or not. */
const searchCursor = (w: World) =>
  fc
    .record({
      e: fc.oneof(
        fc
          .tuple(
            fc.integer({ min: 0, max: 36 ** 9 - 1 }),
            fc.constantFrom(w.myMessage.id, w.foreignMessage.id),
          )
          .map(([ms, id]) => `${ms.toString(36).padStart(9, '0')}.${id}`),
        hostileString,
      ),
    })
    .map((key) => Buffer.from(JSON.stringify(key)).toString('base64url'));

/** Message search; the conversation list's `q` is fuzzed with the list (routes-chat). */
export const SEARCH_ROUTES: Record<string, RouteFuzz> = {
  'GET /api/v1/search/messages': {
    shape: (w) => ({
      query: {
        q: oneOf(
          'hello',
          'hello from',
          '"from me"',
          'hel*',
          'hello*',
          'ab*',
          '',
          '"',
          'e-mail',
          '北京',
          '🎉',
        ),
        conversationId: conversation(w),
        from: user(w),
        before: messageTime,
        after: messageTime,
        has: oneOf('attachment', 'link', 'image', 'video', 'audio', 'file'),
        prefix: oneOf('true', 'false'),
        cursor: searchCursor(w),
        limit: oneOf('1', '20', '50'),
      },
    }),
  },
};
