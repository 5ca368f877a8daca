import { Db, MongoClient } from 'mongodb';
import { SearchKeyring } from '../../src/search/blind-index/search-keyring';
import { PostingsRepository } from '../../src/search/postings/postings.repository';
import { registerUser } from '../support/builders';
import { directConversation, sendText } from '../support/chat-builders';
import { foundIds, searchMessages } from '../support/search';
import { flushIndex } from '../support/search-index';
import { connectTestMongo, createTestApp, TestApp } from '../support/test-app';

/** What message search refuses, how, and that it reads the index by `_id`. */
describe('Message search: refusals and the index read', () => {
  let t: TestApp;
  let mongo: MongoClient;
  let db: Db;

  beforeAll(async () => {
    t = await createTestApp({ SEARCH_MAX_QUERY_CHARS: '64', SEARCH_MAX_TERMS: '16' });
    mongo = await connectTestMongo();
    db = mongo.db(t.databaseName);
  });
  afterAll(async () => {
    await t.close();
    await mongo.close();
  });

  const counts = () =>
    Promise.all(['messages', 'search_postings'].map((name) => db.collection(name).countDocuments()));

  it('refuses bad input with 400 and the error shape, changing nothing', async () => {
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    const conversationId = await directConversation(t, alice, bob);
    await sendText(t, alice, conversationId, 'something to find');
    await flushIndex(t);
    const before = await counts();
    const terms = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
    const cases: Array<[Record<string, string>, string, string?]> = [
      [{}, 'VALIDATION_FAILED', 'q'],
      [{ q: '' }, 'INVALID_QUERY'],
      [{ q: '   ' }, 'INVALID_QUERY'],
      [{ q: '?!.,' }, 'INVALID_QUERY'],
      [{ q: 'ab*' }, 'INVALID_QUERY'],
      [{ q: 'x'.repeat(65) }, 'QUERY_TOO_LONG'],
      [{ q: terms(17) }, 'TOO_MANY_TERMS'],
      [{ q: 'find', before: 'yesterday' }, 'VALIDATION_FAILED', 'before'],
      [{ q: 'find', after: '2024-13-01T00:00:00Z' }, 'VALIDATION_FAILED', 'after'],
      [
        { q: 'find', after: '2024-02-01T00:00:00Z', before: '2024-01-01T00:00:00Z' },
        'VALIDATION_FAILED',
        'after',
      ],
      [{ q: 'find', has: 'gif' }, 'VALIDATION_FAILED', 'has'],
      [{ q: 'find', limit: '0' }, 'VALIDATION_FAILED', 'limit'],
      [{ q: 'find', limit: '51' }, 'VALIDATION_FAILED', 'limit'],
      [{ q: 'find', limit: 'ten' }, 'VALIDATION_FAILED', 'limit'],
      [{ q: 'find', conversationId: 'not-an-id' }, 'VALIDATION_FAILED', 'conversationId'],
      [{ q: 'find', from: conversationId.slice(1) }, 'VALIDATION_FAILED', 'from'],
      [{ q: 'find', prefix: 'yes' }, 'VALIDATION_FAILED', 'prefix'],
      [{ q: 'find', cursor: 'not-a-cursor' }, 'VALIDATION_FAILED', 'cursor'],
      [{ q: 'find', scope: 'all' }, 'VALIDATION_FAILED'],
    ];
    for (const [params, code, path] of cases) {
      const res = await searchMessages(t, bob, params);
      const what = JSON.stringify(params).slice(0, 80);
      expect([what, res.status]).toEqual([what, 400]);
      expect(res.body).toEqual(
        expect.objectContaining({
          statusCode: 400,
          code,
          message: expect.any(String),
          requestId: expect.any(String),
        }),
      );
      if (path) {
        expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
      }
    }
    // The limits themselves are accepted.
    expect((await searchMessages(t, bob, { q: 'x'.repeat(64) })).status).toBe(200);
    expect((await searchMessages(t, bob, { q: terms(16) })).status).toBe(200);
    expect((await searchMessages(t, bob, { q: 'fin*', limit: '50' })).status).toBe(200);
    expect(await counts()).toEqual(before);
  });

  it('refuses a cursor it did not issue, and one edited by hand', async () => {
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    const conversationId = await directConversation(t, alice, bob);
    for (const text of ['kiwi a', 'kiwi b', 'kiwi c']) {
      await sendText(t, alice, conversationId, text);
    }
    await flushIndex(t);
    const first = await searchMessages(t, bob, { q: 'kiwi', limit: 1 });
    const cursor = first.body.nextCursor as string;
    expect(cursor).toEqual(expect.any(String));
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as Record<string, unknown>;
    const forged = [
      cursor.slice(0, -2),
      Buffer.from(JSON.stringify({ ...key, conversationId })).toString('base64url'),
      Buffer.from(JSON.stringify({ e: `${String(key.e)}x` })).toString('base64url'),
      Buffer.from(JSON.stringify({ e: 1 })).toString('base64url'),
      Buffer.from('{"__proto__":{"e":"x"}}').toString('base64url'),
    ];
    for (const bad of forged) {
      const res = await searchMessages(t, bob, { q: 'kiwi', cursor: bad });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'cursor' }] });
    }
    // A cursor only moves within the caller's own conversations: a stranger's search with it finds nothing.
    const stranger = await registerUser(t);
    expect(await foundIds(t, stranger, { q: 'kiwi', cursor })).toEqual([]);
  });

  it('reads postings by `_id`, and stores no plaintext token', async () => {
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    const conversationId = await directConversation(t, alice, bob);
    await sendText(t, alice, conversationId, 'platypus');
    await flushIndex(t);
    const token = t.app.get(SearchKeyring, { strict: false }).blind(conversationId, 'w:platypus');
    const filter = PostingsRepository.headFilter(token);
    expect(filter).toEqual({ _id: token });
    const postings = db.collection<{ _id: string }>('search_postings');
    expect(await postings.findOne(filter)).toMatchObject({ _id: token, e: [expect.any(String)] });
    expect(servedByIdLookup(await postings.find(filter).explain())).toBe(true);
    // What the check tells apart: a filter on another field is a scan.
    expect(servedByIdLookup(await postings.find({ e: { $size: 1 } }).explain())).toBe(false);
    expect(JSON.stringify(await postings.find({}).toArray())).not.toContain('platypus');
  });
});

/**
 * Whether an explain output shows an `_id` lookup: on MongoDB an IDHACK or EXPRESS stage or a scan of the `_id`
 * index; on FerretDB the filter pushed down to SQLite, whose plan searches the `_id` lookup index rather than
 * scanning the table.
 */
function servedByIdLookup(plan: Record<string, unknown>): boolean {
  if ('filterPushdown' in plan) {
    const steps = JSON.stringify((plan.queryPlanner as { Plan?: unknown } | undefined)?.Plan ?? []);
    return plan.filterPushdown === true && /SEARCH \S+ USING INDEX/.test(steps) && !/\bSCAN\b/.test(steps);
  }
  const text = JSON.stringify(plan);
  return (
    /"stage":"(IDHACK|EXPRESS_IXSCAN|EXPRESS_CLUSTERED_IXSCAN)"/.test(text) || /"indexName":"_id_"/.test(text)
  );
}
