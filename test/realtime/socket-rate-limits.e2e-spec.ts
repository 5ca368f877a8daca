import Redis from 'ioredis';
import { bearer, registerUser } from '../support/builders';
import { directConversation } from '../support/chat-builders';
import { RunningRedis, startRedis } from '../support/local-services';
import { closeSockets, connectChat, emitWithAck } from '../support/socket-client';
import { createTestApp, TestApp, testMongoUri, uniqueName } from '../support/test-app';

type Ack = { ok: true } | { ok: false; error: { code: string } };
const outcome = (ack: Ack) => (ack.ok ? 'ok' : ack.error.code);

/** Two instances on one database and one Redis, as behind the load balancer. */
describe('Socket rate limits across instances', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    const shared = {
      MONGODB_URI: testMongoUri(uniqueName('parley_test')),
      REDIS_KEY_PREFIX: uniqueName('t'),
      SOCKET_MESSAGES_PER_MINUTE: '3',
    };
    [a, b] = [await createTestApp(shared), await createTestApp(shared)];
  });
  afterEach(() => closeSockets());
  afterAll(() => Promise.all([a.close(), b.close()]));

  it("counts a user's messages on every instance: sockets on two get at most one past the limit", async () => {
    const [alice, bob] = [await registerUser(a), await registerUser(a)];
    const conversationId = await directConversation(a, alice, bob);
    const sockets = [await connectChat(a, alice), await connectChat(b, alice)];
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const ack = await emitWithAck<Ack>(sockets[i % 2], 'send_message', { conversationId, content: `m${i}` });
      outcomes.push(outcome(ack));
    }
    // Each instance judges an event by what it knows when it arrives; the other's last event may not be in
    // yet, so one more can pass, never a second limit's worth.
    const admitted = outcomes.filter((o) => o === 'ok').length;
    expect(admitted).toBeGreaterThanOrEqual(3);
    expect(admitted).toBeLessThanOrEqual(4);
    expect(outcomes.slice(admitted)).toEqual(Array(6 - admitted).fill('RATE_LIMITED'));
    const history = await a
      .http()
      .get(`/api/v1/conversations/${conversationId}/messages`)
      .set(...bearer(bob));
    expect(history.body.items).toHaveLength(admitted);
  });
});

describe('Socket events while Redis refuses the counts', () => {
  let redis: RunningRedis;
  let admin: Redis;
  let t: TestApp;

  beforeAll(async () => {
    redis = await startRedis();
    admin = new Redis(redis.url);
    t = await createTestApp({ REDIS_URL: redis.url });
  });
  afterEach(async () => {
    closeSockets();
    await admin.config('SET', 'maxmemory', '0');
  });
  afterAll(async () => {
    await t.close();
    admin.disconnect();
    await redis.stop();
  });

  it('refuses events with REALTIME_UNAVAILABLE while counts fail, and admits them once counts succeed', async () => {
    const alice = await registerUser(t);
    const socket = await connectChat(t, alice);
    const reauth = async () =>
      outcome(await emitWithAck<Ack>(socket, 'reauth', { token: alice.accessToken }));
    expect(await reauth()).toBe('ok');
    // Connected and answering, but refusing every write (noeviction at its memory limit).
    await admin.config('SET', 'maxmemory', '1');
    const during = [await reauth(), await reauth(), await reauth()];
    // The count of the first event goes out with it, so that one may still pass; none after it does.
    expect(during.slice(1)).toEqual(['REALTIME_UNAVAILABLE', 'REALTIME_UNAVAILABLE']);
    await admin.config('SET', 'maxmemory', '0');
    const after = [await reauth(), await reauth()];
    // The first event after is refused while its count shows Redis back; the next one passes.
    expect(after.at(-1)).toBe('ok');
  });
});
