import request from 'supertest';
import { bearer, registerUser, RegisteredUser } from '../support/builders';
import { APP_BOOT_TIMEOUT_MS, AppProcess, startAppProcesses, stopAppProcesses } from '../support/app-process';
import { groupConversation, sendText } from '../support/chat-builders';
import { eventually } from '../support/eventually';
import { startNginx, RunningNginx } from '../support/nginx';
import { foundIds, searchMessages } from '../support/search';
import { testEnv, uniqueName } from '../support/test-app';

/**
 * Two app processes sharing one database and Redis behind the repo's nginx: both index the same conversation
 * at once (their writes to one posting serialised by the conversation's lock), and either answers a search.
 */
describe('Search across instances', () => {
  let instances: AppProcess[] = [];
  let nginx: RunningNginx;
  // nginx's certificate is a throwaway self-signed one.
  const viaNginx = { http: () => request.agent(nginx.httpsUrl).disableTLSCerts() };

  beforeAll(async () => {
    const shared = {
      MONGODB_URI: testEnv().MONGODB_URI,
      REDIS_KEY_PREFIX: uniqueName('search-cluster'),
      TRUST_PROXY: 'loopback',
      SEARCH_INDEX_FLUSH_MS: '100',
    };
    instances = await startAppProcesses(2, shared);
    nginx = await startNginx(instances.map((app) => Number(new URL(app.url).port)));
  }, APP_BOOT_TIMEOUT_MS + 30_000);
  afterAll(async () => {
    await nginx?.stop();
    await stopAppProcesses(instances);
  });

  it('finds every message of a conversation both instances indexed at once, from either instance', async () => {
    const [a, b] = instances;
    const [alice, bob] = [await registerUser(a), await registerUser(b)];
    const conversationId = await groupConversation(a, alice, [bob]);
    // The same words from both sides in the same moments: every write lands on the same postings.
    const sends = Array.from({ length: 120 }, (_, i) =>
      i % 2 === 0
        ? sendText(a, alice, conversationId, `harbour lantern ${i}`)
        : sendText(b, bob, conversationId, `harbour lantern ${i}`),
    );
    const sent = await Promise.all(sends);
    const expected = sent.map((message) => message.id).sort();

    for (const via of [a, b]) {
      await eventually(async () => {
        expect((await everyHit(via, alice, 'harbour lantern')).sort()).toEqual(expected);
      }, 15_000);
    }
  });

  it('reflects an edit made on one instance and a delete made on the other in searches through nginx', async () => {
    const [a, b] = instances;
    const [alice, bob] = [await registerUser(a), await registerUser(b)];
    const conversationId = await groupConversation(a, alice, [bob]);
    const kept = await sendText(a, alice, conversationId, 'quinoa salad recipe');
    const edited = await sendText(a, alice, conversationId, 'quinoa muffins');
    const deleted = await sendText(b, bob, conversationId, 'quinoa porridge');
    await eventually(async () => {
      expect((await foundIds(viaNginx, bob, { q: 'quinoa' })).sort()).toEqual(
        [kept.id, edited.id, deleted.id].sort(),
      );
    }, 15_000);

    const edit = await b
      .http()
      .patch(`/api/v1/conversations/${conversationId}/messages/${edited.id}`)
      .set(...bearer(alice))
      .send({ content: 'buckwheat muffins' });
    expect(edit.status).toBe(200);
    const removal = await a
      .http()
      .delete(`/api/v1/conversations/${conversationId}/messages/${deleted.id}`)
      .set(...bearer(bob));
    expect(removal.status).toBe(200);

    await eventually(async () => {
      expect(await foundIds(viaNginx, alice, { q: 'quinoa' })).toEqual([kept.id]);
      expect(await foundIds(viaNginx, alice, { q: 'buckwheat' })).toEqual([edited.id]);
    }, 15_000);
  });
});

/** Every hit of a search, page after page. */
async function everyHit(via: AppProcess, user: RegisteredUser, q: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await searchMessages(via, user, { q, limit: 50, ...(cursor ? { cursor } : {}) });
    expect(res.status).toBe(200);
    ids.push(...(res.body.items as Array<{ message: { id: string } }>).map((hit) => hit.message.id));
    cursor = res.body.nextCursor as string | null;
  } while (cursor);
  return ids;
}
