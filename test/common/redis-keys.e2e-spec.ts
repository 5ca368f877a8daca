import Redis from 'ioredis';
import { bearer, registerUser } from '../support/builders';
import { groupConversation, sendText } from '../support/chat-builders';
import { closeSockets, connectChat, emitWithAck } from '../support/socket-client';
import { createTestApp, testEnv, TestApp, uniqueName } from '../support/test-app';

async function allKeys(redis: Redis): Promise<Set<string>> {
  const keys = new Set<string>();
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'COUNT', 1000);
    batch.forEach((key) => keys.add(key));
    cursor = next;
  } while (cursor !== '0');
  return keys;
}

describe('Redis keys', () => {
  const prefix = uniqueName('shared');
  let t: TestApp;
  let redis: Redis;

  beforeAll(async () => {
    // A Redis database of its own: suites running beside this one (other jest workers) write keys under
    // their own prefixes into database 0 meanwhile, which a scan of a shared database would count.
    const url = new URL(testEnv().REDIS_URL);
    url.pathname = '/7';
    redis = new Redis(url.href);
    t = await createTestApp({
      REDIS_URL: url.href,
      REDIS_KEY_PREFIX: prefix,
      EMAIL_VERIFY_ON_REGISTER: 'true',
    });
  });
  afterEach(() => closeSockets());
  afterAll(async () => {
    await t.close();
    redis.disconnect();
  });

  it('are all under REDIS_KEY_PREFIX, so deployments can share one Redis', async () => {
    const before = await allKeys(redis);
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    await t.http().post('/api/v1/auth/login').send({ email: alice.email, password: alice.password });
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: bob.refreshToken });
    await t.http().post('/api/v1/auth/forgot-password').send({ email: alice.email });
    const group = await groupConversation(t, alice, [bob]);
    await t
      .http()
      .delete(`/api/v1/conversations/${group}/members/${bob.id}`)
      .set(...bearer(alice));
    const socket = await connectChat(t, alice);
    await emitWithAck(socket, 'typing', { conversationId: group });
    await emitWithAck(socket, 'send_message', { conversationId: group, content: 'over the socket' });
    await sendText(t, alice, group, 'over REST');
    const { body } = await t
      .http()
      .get('/api/v1/sync')
      .set(...bearer(alice));
    expect(body.cursor).toEqual(expect.any(String));

    const added = [...(await allKeys(redis))].filter((key) => !before.has(key));
    expect(added.length).toBeGreaterThan(5);
    // The throttler storage wraps its keys in a Redis Cluster hash tag: `{<prefix>:ratelimit:...}:hits`.
    const outside = added.filter((key) => !key.startsWith(`${prefix}:`) && !key.startsWith(`{${prefix}:`));
    expect(outside).toEqual([]);
  });
});
