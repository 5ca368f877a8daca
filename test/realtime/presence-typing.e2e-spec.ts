import { bearer, RegisteredUser, registerUser } from '../support/builders';
import { directConversation, groupConversation } from '../support/chat-builders';
import { eventually } from '../support/eventually';
import {
  ackData,
  closeSockets,
  collect,
  connectChat,
  emitWithAck,
  nextEvent,
  noEvent,
} from '../support/socket-client';
import { PresenceStore } from '../../src/presence/presence.store';
import { createTestApp, TestApp } from '../support/test-app';

/** Turns on the user's setting that hides their last-seen time from others. */
async function hideLastSeen(app: TestApp, user: RegisteredUser): Promise<void> {
  const res = await app
    .http()
    .patch('/api/v1/users/me')
    .set(...bearer(user))
    .send({ hideLastSeen: true });
  expect(res.status).toBe(200);
}

describe('Presence', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterEach(() => closeSockets());
  afterAll(() => t.close());

  it('announces online and offline only to users who share a conversation', async () => {
    const [alice, bob, stranger] = [await registerUser(t), await registerUser(t), await registerUser(t)];
    await directConversation(t, alice, bob);
    const bobSocket = await connectChat(t, bob);
    const strangerSocket = await connectChat(t, stranger);
    const strangerSaw = collect(strangerSocket, 'user_online');

    const online = nextEvent<{ userId: string }>(bobSocket, 'user_online', (e) => e.userId === alice.id);
    const aliceSocket = await connectChat(t, alice);
    expect(await online).toEqual({ userId: alice.id });

    const offline = nextEvent<{ userId: string; lastSeenAt: string }>(
      bobSocket,
      'user_offline',
      (e) => e.userId === alice.id,
    );
    aliceSocket.disconnect();
    const event = await offline;
    expect(Date.parse(event.lastSeenAt)).toBeLessThanOrEqual(Date.now());
    expect(strangerSaw.filter((e) => (e as { userId: string }).userId === alice.id)).toEqual([]);
  });

  it('stays online while any device is connected', async () => {
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    await directConversation(t, alice, bob);
    const phone = await connectChat(t, alice);
    await connectChat(t, alice);
    const watcher = await connectChat(t, bob);
    phone.disconnect();
    await noEvent(watcher, 'user_offline', 300);
    const res = await t
      .http()
      .get(`/api/v1/users/${alice.id}/presence`)
      .set(...bearer(bob));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ userId: alice.id, online: true, lastSeenAt: null });
  });

  it('answers presence for many users at once, offline users with their last-seen time', async () => {
    const [alice, bob, carol] = [await registerUser(t), await registerUser(t), await registerUser(t)];
    await groupConversation(t, alice, [bob, carol]);
    const bobSocket = await connectChat(t, bob);
    const carolSocket = await connectChat(t, carol);
    carolSocket.disconnect();
    await eventually(async () => {
      const res = await t
        .http()
        .get(`/api/v1/users/presence?ids=${bob.id},${carol.id},${alice.id}`)
        .set(...bearer(alice));
      expect(res.status).toBe(200);
      expect(res.body.presence).toEqual([
        { userId: bob.id, online: true, lastSeenAt: null },
        { userId: carol.id, online: false, lastSeenAt: expect.any(String) },
        { userId: alice.id, online: false, lastSeenAt: null },
      ]);
    });
    expect(bobSocket.connected).toBe(true);
  });

  it('hides the last-seen time of users who chose to hide it', async () => {
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    await directConversation(t, alice, bob);
    await hideLastSeen(t, alice);
    (await connectChat(t, alice)).disconnect();
    await eventually(async () => {
      const res = await t
        .http()
        .get(`/api/v1/users/${alice.id}/presence`)
        .set(...bearer(bob));
      expect(res.body).toEqual({ userId: alice.id, online: false, lastSeenAt: null });
    });
  });

  it('answers strangers about a user as it answers about an unknown id', async () => {
    const [alice, bob, stranger] = [await registerUser(t), await registerUser(t), await registerUser(t)];
    await directConversation(t, alice, bob);
    (await connectChat(t, bob)).disconnect();
    await connectChat(t, alice);
    const unknownId = 'f'.repeat(24);
    const asked = (viewer: RegisteredUser) =>
      t
        .http()
        .get('/api/v1/users/presence')
        .query({ ids: `${alice.id},${bob.id},${unknownId}` })
        .set(...bearer(viewer));

    await eventually(async () => {
      expect((await asked(alice)).body.presence).toEqual([
        { userId: alice.id, online: true, lastSeenAt: null },
        { userId: bob.id, online: false, lastSeenAt: expect.any(String) },
        { userId: unknownId, online: false, lastSeenAt: null },
      ]);
    });
    const strangerView = await asked(stranger);
    expect(strangerView.status).toBe(200);
    expect(strangerView.body.presence).toEqual([
      { userId: alice.id, online: false, lastSeenAt: null },
      { userId: bob.id, online: false, lastSeenAt: null },
      { userId: unknownId, online: false, lastSeenAt: null },
    ]);
    const one = await t
      .http()
      .get(`/api/v1/users/${alice.id}/presence`)
      .set(...bearer(stranger));
    expect(one.body).toEqual({ userId: alice.id, online: false, lastSeenAt: null });
  });

  it('rejects bad presence queries with 400', async () => {
    const alice = await registerUser(t);
    const tooMany = Array.from({ length: 201 }, (_, i) => i.toString(16).padStart(24, '0')).join(',');
    for (const ids of ['', 'not-an-id', tooMany]) {
      const res = await t
        .http()
        .get('/api/v1/users/presence')
        .query({ ids })
        .set(...bearer(alice));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('Presence after an instance dies', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ PRESENCE_TTL_MS: '1500' });
  });
  afterEach(() => closeSockets());
  afterAll(() => t.close());

  it('keeps a connected user online across heartbeats longer than the TTL', async () => {
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    await directConversation(t, alice, bob);
    await connectChat(t, alice);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const res = await t
      .http()
      .get(`/api/v1/users/${alice.id}/presence`)
      .set(...bearer(bob));
    expect(res.body.online).toBe(true);
  });

  it('marks users offline, and tells their contacts, when their instance died without cleaning up', async () => {
    const [alice, carol, bob] = [await registerUser(t), await registerUser(t), await registerUser(t)];
    await directConversation(t, alice, bob);
    await directConversation(t, carol, bob);
    await hideLastSeen(t, carol);
    const bobSocket = await connectChat(t, bob);
    const offline = collect<{ userId: string; lastSeenAt: string | null }>(bobSocket, 'user_offline');
    // What a killed instance leaves behind: connection records nobody will heartbeat or remove.
    await t.app.get(PresenceStore).connect(alice.id, 'dead-session:dead-socket', 1500);
    await t.app.get(PresenceStore).connect(carol.id, 'dead-session:other-socket', 1500);
    await eventually(async () => expect(offline).toHaveLength(2));
    expect(offline).toEqual(
      expect.arrayContaining([
        { userId: alice.id, lastSeenAt: expect.any(String) },
        { userId: carol.id, lastSeenAt: null },
      ]),
    );
  });
});

describe('Typing', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ TYPING_THROTTLE_MS: '1000', TYPING_TIMEOUT_MS: '800' });
  });
  afterEach(() => closeSockets());
  afterAll(() => t.close());

  it('relays typing to the other members only, throttled, and ends it after the timeout', async () => {
    const [alice, bob, stranger] = [await registerUser(t), await registerUser(t), await registerUser(t)];
    const conversationId = await directConversation(t, alice, bob);
    const [aliceSocket, aliceTablet, bobSocket, strangerSocket] = [
      await connectChat(t, alice),
      await connectChat(t, alice),
      await connectChat(t, bob),
      await connectChat(t, stranger),
    ];
    const bobSaw = collect(bobSocket, 'user_typing');
    const tabletSaw = collect(aliceTablet, 'user_typing');
    const strangerSaw = collect(strangerSocket, 'user_typing');

    const stopped = nextEvent(bobSocket, 'user_stopped_typing', undefined, 3000);
    expect(await ackData(aliceSocket, 'typing', { conversationId })).toEqual({ relayed: true });
    expect(await ackData(aliceSocket, 'typing', { conversationId })).toEqual({ relayed: false });
    expect(await stopped).toEqual({ conversationId, userId: alice.id });
    expect(bobSaw).toEqual([{ conversationId, userId: alice.id }]);
    expect(tabletSaw).toEqual([]);
    expect(strangerSaw).toEqual([]);
  });

  it('relays stop_typing at once, and refuses typing in a conversation of others', async () => {
    const [alice, bob, stranger] = [await registerUser(t), await registerUser(t), await registerUser(t)];
    const conversationId = await directConversation(t, alice, bob);
    const [aliceSocket, bobSocket, strangerSocket] = [
      await connectChat(t, alice),
      await connectChat(t, bob),
      await connectChat(t, stranger),
    ];
    await ackData(aliceSocket, 'typing', { conversationId });
    const stopped = nextEvent(bobSocket, 'user_stopped_typing');
    expect(await ackData(aliceSocket, 'stop_typing', { conversationId })).toEqual({ relayed: true });
    await stopped;

    const intruder = await emitWithAck(strangerSocket, 'typing', { conversationId });
    expect(intruder).toMatchObject({ ok: false, error: { code: 'CONVERSATION_NOT_FOUND' } });
    const malformed = await emitWithAck(strangerSocket, 'typing', { conversationId: 'x' });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
});

describe('Presence in large groups', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ PRESENCE_PUSH_MAX_MEMBERS: '3' });
  });
  afterEach(() => closeSockets());
  afterAll(() => t.close());

  it('is pushed through groups of up to PRESENCE_PUSH_MAX_MEMBERS members; members of larger ones query it', async () => {
    const [alice, bob, carol, dave] = await Promise.all([1, 2, 3, 4].map(() => registerUser(t)));
    await groupConversation(t, alice, [bob, carol]);
    await groupConversation(t, alice, [bob, carol, dave]);
    const [bobSocket, daveSocket] = [await connectChat(t, bob), await connectChat(t, dave)];
    const daveSaw = collect(daveSocket, 'user_online');

    const online = nextEvent<{ userId: string }>(bobSocket, 'user_online', (e) => e.userId === alice.id);
    const aliceSocket = await connectChat(t, alice);
    expect(await online).toEqual({ userId: alice.id });
    const offline = nextEvent<{ userId: string }>(bobSocket, 'user_offline', (e) => e.userId === alice.id);
    const daveOffline = noEvent(daveSocket, 'user_offline', 500);
    aliceSocket.disconnect();
    await offline;
    await daveOffline;
    expect(daveSaw.filter((e) => (e as { userId: string }).userId === alice.id)).toEqual([]);

    await connectChat(t, alice);
    const asked = await t
      .http()
      .get('/api/v1/users/presence')
      .query({ ids: alice.id })
      .set(...bearer(dave));
    expect(asked.body.presence).toEqual([{ userId: alice.id, online: true, lastSeenAt: null }]);
  });
});
