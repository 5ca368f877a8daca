import { execFileSync } from 'node:child_process';
import { bearer, registerUser, RegisteredUser } from '../support/builders';
import { APP_BOOT_TIMEOUT_MS, AppProcess, startAppProcesses, stopAppProcesses } from '../support/app-process';
import { startNginx, RunningNginx } from '../support/nginx';
import { sendReliably } from '../support/reliable-sender';
import { ackData, closeSockets, collect, connectChat, nextEvent } from '../support/socket-client';
import { testEnv, uniqueName } from '../support/test-app';

/** Two real app processes sharing one database and Redis, behind the repo's nginx. */
describe('Several instances as one', () => {
  let instances: AppProcess[] = [];
  let nginx: RunningNginx;

  beforeAll(async () => {
    const env = testEnv();
    const shared = {
      MONGODB_URI: env.MONGODB_URI,
      REDIS_KEY_PREFIX: uniqueName('multi'),
      TRUST_PROXY: 'loopback',
    };
    instances = await startAppProcesses(2, shared);
    nginx = await startNginx(instances.map((app) => Number(new URL(app.url).port)));
  }, APP_BOOT_TIMEOUT_MS + 30_000);
  afterEach(() => closeSockets());
  afterAll(async () => {
    await nginx?.stop();
    await stopAppProcesses(instances);
  });

  const direct = async (a: RegisteredUser, b: RegisteredUser, via: { http: AppProcess['http'] }) =>
    (
      await via
        .http()
        .post('/api/v1/conversations/direct')
        .set(...bearer(a))
        .send({ userId: b.id })
    ).body.id as string;

  it('delivers messages, receipts, typing and presence between clients on different instances', async () => {
    const [a, b] = instances;
    const [alice, bob] = [await registerUser(a), await registerUser(b)];
    const conversationId = await direct(alice, bob, a);
    const aliceSocket = await connectChat(a, alice);
    const online = nextEvent<{ userId: string }>(aliceSocket, 'user_online', (e) => e.userId === bob.id);
    const bobSocket = await connectChat(b, bob);
    await online;

    const received = nextEvent<{ content: string }>(bobSocket, 'new_message');
    const sent = await ackData<{ id: string }>(aliceSocket, 'send_message', {
      conversationId,
      content: 'across instances',
    });
    expect(await received).toMatchObject({ id: sent.id, content: 'across instances' });

    const read = nextEvent<{ userId: string; upToSeq: number }>(aliceSocket, 'messages_read');
    await ackData(bobSocket, 'open_conversation', { conversationId });
    expect(await read).toEqual({ conversationId, userId: bob.id, upToSeq: 1 });

    const typing = nextEvent(aliceSocket, 'user_typing');
    await ackData(bobSocket, 'typing', { conversationId });
    expect(await typing).toEqual({ conversationId, userId: bob.id });

    const offline = nextEvent<{ userId: string }>(aliceSocket, 'user_offline', (e) => e.userId === bob.id);
    bobSocket.disconnect();
    await offline;
  });

  it('joins a live socket on another instance to a new conversation at once', async () => {
    const [a, b] = instances;
    const [alice, bob] = [await registerUser(a), await registerUser(b)];
    const bobSocket = await connectChat(b, bob);
    const conversationId = await direct(alice, bob, a);
    const received = nextEvent<{ conversationId: string }>(bobSocket, 'new_message');
    await a
      .http()
      .post(`/api/v1/conversations/${conversationId}/messages`)
      .set(...bearer(alice))
      .send({ content: 'hi' });
    expect((await received).conversationId).toBe(conversationId);
  });

  it('applies membership changes made on one instance to sends on the other at once', async () => {
    const [a, b] = instances;
    const [owner, bob, carol] = [await registerUser(a), await registerUser(a), await registerUser(a)];
    const group = await a
      .http()
      .post('/api/v1/conversations/group')
      .set(...bearer(owner))
      .send({ title: 'Team', memberIds: [bob.id] });
    const conversationId = group.body.id as string;
    const sendVia = (app: AppProcess, user: RegisteredUser) =>
      app
        .http()
        .post(`/api/v1/conversations/${conversationId}/messages`)
        .set(...bearer(user))
        .send({ content: 'hello' });

    // Instance b now holds the member list (the send path caches it).
    expect((await sendVia(b, bob)).status).toBe(201);
    expect((await sendVia(b, carol)).status).toBe(404);

    await a
      .http()
      .post(`/api/v1/conversations/${conversationId}/members`)
      .set(...bearer(owner))
      .send({ userIds: [carol.id] })
      .expect(200);
    expect((await sendVia(b, carol)).status).toBe(201);

    await a
      .http()
      .delete(`/api/v1/conversations/${conversationId}/members/${bob.id}`)
      .set(...bearer(owner))
      .expect(204);
    const refused = await sendVia(b, bob);
    expect(refused.status).toBe(404);
    expect(refused.body.code).toBe('CONVERSATION_NOT_FOUND');
  });

  it('loses and doubles nothing when the instance holding the clients is killed mid-traffic', async () => {
    const [alice, bob] = [await registerUser(instances[0]), await registerUser(instances[0])];
    const conversationId = await direct(alice, bob, instances[0]);
    const options = {
      reconnection: true,
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
      rejectUnauthorized: false,
    };
    const aliceSocket = await connectChat({ url: nginx.httpsUrl }, alice, options);
    const bobSocket = await connectChat({ url: nginx.httpsUrl }, bob, options);
    const bobLive = collect<{ id: string; seq: number }>(bobSocket, 'new_message');
    const { cursor } = (
      await instances[0]
        .http()
        .get('/api/v1/sync')
        .set(...bearer(bob))
    ).body as { cursor: string };

    const victim = instances.find((app) => hasConnections(Number(new URL(app.url).port)))!;
    let drops = 0;
    aliceSocket.on('disconnect', () => (drops += 1));
    const acked: Array<{ id: string; seq: number }> = [];
    for (let i = 0; i < 40; i += 1) {
      if (i === 15) {
        victim.child.kill('SIGKILL');
      }
      acked.push(await sendReliably(aliceSocket, conversationId, `m${i}`));
    }
    expect(drops).toBeGreaterThanOrEqual(1); // the clients really lost their instance and came back via nginx
    expect(aliceSocket.connected).toBe(true);
    expect(acked.map((m) => m.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));

    // Bob restores his state: live events plus /sync, keyed by id, must be every acked message exactly once.
    const survivor = instances.find((app) => app !== victim)!;
    const synced: Array<{ id: string; seq: number }> = [];
    let since = cursor;
    for (let page = 0; page < 20; page += 1) {
      const body = (
        await survivor
          .http()
          .get('/api/v1/sync')
          .query({ since })
          .set(...bearer(bob))
      ).body;
      synced.push(...body.messages);
      since = body.cursor;
      if (!body.hasMore) {
        break;
      }
    }
    const restored = new Map([...bobLive, ...synced].map((m) => [m.id, m.seq]));
    expect([...restored.values()].sort((x, y) => x - y)).toEqual(acked.map((m) => m.seq));
    const history = await survivor
      .http()
      .get(`/api/v1/conversations/${conversationId}/messages?limit=100`)
      .set(...bearer(bob));
    expect(history.body.items.map((m: { id: string }) => m.id)).toEqual(acked.map((m) => m.id));
    instances = [survivor];
  });
});

/** Whether nginx holds an upstream connection to this port (the instance its clients were sent to). */
function hasConnections(port: number): boolean {
  const out = execFileSync('ss', ['-Htnp', 'state', 'established', `( dport = :${port} )`]).toString();
  return out.includes('"nginx"');
}
