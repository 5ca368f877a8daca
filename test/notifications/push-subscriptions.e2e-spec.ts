import { createECDH, randomBytes } from 'node:crypto';
import { bearer, registerUser } from '../support/builders';
import { directConversation, sendText } from '../support/chat-builders';
import { eventually } from '../support/eventually';
import { createTestApp, TestApp } from '../support/test-app';
import { SUBSCRIPTIONS, users, webPushHarness } from '../support/web-push-harness';

const browserKeys = () => {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { p256dh: ecdh.getPublicKey('base64url'), auth: randomBytes(16).toString('base64url') };
};

describe('Push subscriptions', () => {
  const h = webPushHarness();

  it('refuses malformed subscriptions with 400 in the one error shape and stores nothing', async () => {
    const [bob] = await users(h.t, 1);
    const { endpoint } = h.pushService.subscription();
    const keys = browserKeys();
    const notOnCurve = Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 1)]).toString('base64url');
    const bodies: object[] = [
      {},
      { endpoint },
      { endpoint: 'not a url', keys },
      { endpoint: 'ftp://push.example/abc', keys },
      { endpoint, keys: { ...keys, p256dh: randomBytes(33).toString('base64url') } },
      { endpoint, keys: { ...keys, p256dh: notOnCurve } },
      { endpoint, keys: { ...keys, p256dh: 'not+base64url/' } },
      { endpoint, keys: { ...keys, auth: randomBytes(15).toString('base64url') } },
      { endpoint, keys: { ...keys, extra: 'x' } },
      { endpoint, keys, unknown: true },
      { endpoint, keys, expirationTime: 'tomorrow' },
      // Not a push service this server allows: Parley would POST to it (an internal address, say).
      { endpoint: 'http://169.254.169.254/latest/meta-data', keys },
      { endpoint: 'http://localhost:6379/', keys },
    ];
    for (const body of bodies) {
      const res = await h.t
        .http()
        .post(SUBSCRIPTIONS)
        .set(...bearer(bob))
        .send(body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({
        body,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
      expect(res.body).toEqual(
        expect.objectContaining({
          statusCode: 400,
          requestId: expect.any(String),
          details: expect.any(Array),
        }),
      );
    }
    expect(await h.endpointsOf(bob)).toEqual([]);
  });

  it('registers an endpoint once however often it is sent, lists it without its keys, and deletes it', async () => {
    const [bob] = await users(h.t, 1);
    const [phone, laptop] = [await h.subscribe(bob), await h.subscribe(bob)];
    const again = await h.t
      .http()
      .post(SUBSCRIPTIONS)
      .set(...bearer(bob))
      .send({ endpoint: phone.endpoint, keys: phone.keys });
    expect(again.status).toBe(201);
    expect(again.body).toEqual({
      endpoint: phone.endpoint,
      expirationTime: null,
      registeredAt: expect.any(String),
      current: true,
    });

    const list = await h.t
      .http()
      .get(SUBSCRIPTIONS)
      .set(...bearer(bob));
    // Most recently registered first.
    expect(list.body.subscriptions).toEqual([
      again.body,
      expect.objectContaining({ endpoint: laptop.endpoint }),
    ]);
    expect(JSON.stringify(list.body)).not.toContain(phone.keys.auth);

    const remove = () =>
      h.t
        .http()
        .delete(SUBSCRIPTIONS)
        .set(...bearer(bob))
        .send({ endpoint: phone.endpoint });
    expect((await remove()).status).toBe(204);
    expect((await remove()).status).toBe(204);
    expect(await h.endpointsOf(bob)).not.toContain(phone.endpoint);
  });

  it('moves an endpoint registered again from another account instead of duplicating it', async () => {
    const [alice, bob, carol] = await users(h.t, 3);
    const conversationId = await directConversation(h.t, alice, bob);
    const sharedBrowser = await h.subscribe(bob);
    const res = await h.t
      .http()
      .post(SUBSCRIPTIONS)
      .set(...bearer(carol))
      .send({ endpoint: sharedBrowser.endpoint, keys: sharedBrowser.keys });
    expect(res.status).toBe(201);
    expect(await h.endpointsOf(bob)).toEqual([]);
    expect(await h.endpointsOf(carol)).toEqual([sharedBrowser.endpoint]);

    const message = await sendText(h.t, alice, conversationId, 'for bob only');
    await h.pushJobDone(message.id);
    expect(h.pushService.attemptsAt(sharedBrowser)).toBe(0);
  });

  it('keeps a user’s 20 most recent subscriptions, dropping the least recently registered', async () => {
    const [bob] = await users(h.t, 1);
    const oldest = await h.subscribe(bob);
    const rest = [];
    for (let i = 0; i < 20; i += 1) {
      rest.push(await h.subscribe(bob));
    }
    const endpoints = await h.endpointsOf(bob);
    expect(endpoints).toHaveLength(20);
    expect(endpoints).not.toContain(oldest.endpoint);
    expect(new Set(endpoints)).toEqual(new Set(rest.map((s) => s.endpoint)));
  });
});

describe('Push without previews', () => {
  const h = webPushHarness({ WEB_PUSH_INCLUDE_PREVIEW: 'false' });

  it('sends the generic text instead of the message', async () => {
    const [alice, bob] = await users(h.t, 2);
    const conversationId = await directConversation(h.t, alice, bob);
    const bobPhone = await h.subscribe(bob);
    await sendText(h.t, alice, conversationId, 'the launch code is 1234');
    await eventually(async () => expect(h.pushService.pushesTo(bobPhone)).toHaveLength(1));
    expect(h.pushService.pushesTo(bobPhone)[0].payload).toMatchObject({
      senderName: alice.displayName,
      body: 'New message',
    });
  });
});

describe('Push without VAPID keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers every notifications route with 503 PUSH_NOT_CONFIGURED', async () => {
    const bob = await registerUser(t);
    const endpoint = 'https://push.example.test/abc';
    const answers = await Promise.all([
      t
        .http()
        .get('/api/v1/notifications/vapid-public-key')
        .set(...bearer(bob)),
      t
        .http()
        .post(SUBSCRIPTIONS)
        .set(...bearer(bob))
        .send({ endpoint, keys: browserKeys() }),
      t
        .http()
        .get(SUBSCRIPTIONS)
        .set(...bearer(bob)),
      t
        .http()
        .delete(SUBSCRIPTIONS)
        .set(...bearer(bob))
        .send({ endpoint }),
    ]);
    for (const res of answers) {
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('PUSH_NOT_CONFIGURED');
    }
  });

  it('still needs a signed-in caller', async () => {
    expect((await t.http().get('/api/v1/notifications/vapid-public-key')).status).toBe(401);
  });
});
