import { bearer, registerUser } from '../support/builders';
import { directConversation } from '../support/chat-builders';
import { RunningRedis, startRedis } from '../support/local-services';
import { sendReliably } from '../support/reliable-sender';
import { closeSockets, connectChat, emitWithAck } from '../support/socket-client';
import { createTestApp, TestApp } from '../support/test-app';

describe('A Redis restart under live traffic', () => {
  let redis: RunningRedis;
  let t: TestApp;

  beforeAll(async () => {
    redis = await startRedis();
    t = await createTestApp({ REDIS_URL: redis.url });
  });
  afterEach(() => closeSockets());
  afterAll(async () => {
    await t.close();
    await redis.stop();
  });

  it('says so while Redis is down, then recovers by itself with nothing lost or doubled', async () => {
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    const conversationId = await directConversation(t, alice, bob);
    const bobsStatus = async () =>
      (
        await t
          .http()
          .get('/api/v1/auth/me')
          .set(...bearer(bob))
      ).status;
    expect(await bobsStatus()).toBe(200);
    const socket = await connectChat(t, alice);
    const acked: Array<{ id: string; seq: number; tries: number }> = [];
    let restarted: Promise<void> | undefined;
    for (let i = 0; i < 30; i += 1) {
      if (i === 10) {
        await redis.stop();
        const refused = await emitWithAck(socket, 'send_message', {
          conversationId,
          content: 'during outage',
        });
        expect(refused).toMatchObject({ ok: false, error: { code: 'REALTIME_UNAVAILABLE' } });
        const ready = await t.http().get('/api/v1/health/ready');
        expect(ready.status).toBe(503);
        expect(JSON.stringify(ready.body)).toContain('redis');
        // A logout still ends the session: its token is refused (from the database while Redis is away,
        // and after it is back).
        const logout = await t
          .http()
          .post('/api/v1/auth/logout')
          .set(...bearer(bob));
        expect(logout.status).toBe(204);
        expect(await bobsStatus()).toBe(401);
        restarted = new Promise((resolve) => setTimeout(resolve, 1000)).then(() => redis.restart());
      }
      acked.push(await sendReliably(socket, conversationId, `m${i}`));
    }
    await restarted;
    expect(acked.some((m) => m.tries > 1)).toBe(true);
    expect(acked.map((m) => m.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const history = await t
      .http()
      .get(`/api/v1/conversations/${conversationId}/messages?limit=100`)
      .set(...bearer(alice));
    expect(history.body.items.map((m: { id: string }) => m.id)).toEqual(acked.map((m) => m.id));
    expect((await t.http().get('/api/v1/health/ready')).status).toBe(200);
    expect(await bobsStatus()).toBe(401);
    expect(socket.connected).toBe(true);
  });
});
