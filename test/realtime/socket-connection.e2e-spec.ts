import { JwtService } from '@nestjs/jwt';
import { bearer, registerUser, RegisteredUser } from '../support/builders';
import { directConversation, groupConversation, sendText } from '../support/chat-builders';
import {
  closeSockets,
  connectChat,
  connectError,
  disconnected,
  emitWithAck,
  nextEvent,
  noEvent,
} from '../support/socket-client';
import { createTestApp, testEnv, TestApp } from '../support/test-app';

const SECRET = testEnv().JWT_ACCESS_SECRET;

/** A token like the server's own, but expiring in `seconds`, for the same user and session. */
function shortLivedToken(user: RegisteredUser, seconds: number): string {
  const jwt = new JwtService();
  const claims = jwt.decode<{ sub: string; role: string; sid: string }>(user.accessToken);
  return jwt.sign(
    { sub: claims.sub, role: claims.role, sid: claims.sid },
    { secret: SECRET, algorithm: 'HS256', issuer: 'parley', audience: 'parley-clients', expiresIn: seconds },
  );
}

describe('Socket connection: authentication, token expiry and reauth', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ CORS_ORIGINS: 'https://app.example.test' });
  });
  afterEach(() => closeSockets());
  afterAll(() => t.close());

  it('refuses a handshake without a token, with a clear code', async () => {
    const error = await connectError(t, undefined);
    expect(error.data).toEqual({ code: 'TOKEN_MISSING', message: expect.any(String) });
  });

  it('refuses an invalid token and a token passed in the query string', async () => {
    expect((await connectError(t, 'not-a-jwt')).data?.code).toBe('TOKEN_INVALID');
    const user = await registerUser(t);
    const viaQuery = await connectError(t, undefined, { query: { token: user.accessToken } });
    expect(viaQuery.data?.code).toBe('TOKEN_MISSING');
  });

  it('accepts the token from auth.token and from an Authorization header', async () => {
    const user = await registerUser(t);
    const viaAuth = await connectChat(t, user);
    expect(viaAuth.connected).toBe(true);
    const viaHeader = await connectChat(
      t,
      { accessToken: '' },
      {
        auth: {},
        extraHeaders: { Authorization: bearer(user)[1] },
      },
    );
    expect(viaHeader.connected).toBe(true);
  });

  it('refuses a browser handshake from an origin outside the allowlist, and admits a listed one', async () => {
    const user = await registerUser(t);
    const refused = await connectError(t, user.accessToken, {
      extraHeaders: { Origin: 'https://evil.example' },
    });
    expect(refused.message).toMatch(/origin not allowed|websocket error/i);
    const admitted = await connectChat(t, user, { extraHeaders: { Origin: 'https://app.example.test' } });
    expect(admitted.connected).toBe(true);
  });

  it("admits a browser handshake from the server's own host (the web client it serves), not from another name", async () => {
    const user = await registerUser(t);
    const ownPage = await connectChat(t, user, { extraHeaders: { Origin: t.url } });
    expect(ownPage.connected).toBe(true);
    const otherName = await connectError(t, user.accessToken, {
      extraHeaders: { Origin: t.url.replace('127.0.0.1', 'localhost') },
    });
    expect(otherName.message).toMatch(/origin not allowed|websocket error/i);
  });

  it('joins at connect the rooms of the conversations the user is in now, after being added or removed', async () => {
    const [owner, bob] = [await registerUser(t), await registerUser(t)];
    const direct = await directConversation(t, owner, bob);
    const first = await connectChat(t, bob); // the connect reads (and caches) bob's memberships
    first.disconnect();
    const group = await groupConversation(t, owner, [bob]);

    const second = await connectChat(t, bob);
    const inGroup = nextEvent<{ conversationId: string }>(
      second,
      'new_message',
      (m) => m.conversationId === group,
    );
    await sendText(t, owner, group, 'welcome');
    await inGroup;
    second.disconnect();
    const removed = await t
      .http()
      .delete(`/api/v1/conversations/${group}/members/${bob.id}`)
      .set(...bearer(owner));
    expect(removed.status).toBe(204);

    const third = await connectChat(t, bob);
    const silence = noEvent(third, 'new_message', 500);
    await sendText(t, owner, group, 'after you left');
    await silence;
    const inDirect = nextEvent(third, 'new_message');
    await sendText(t, owner, direct, 'still here');
    await inDirect;
  });

  it('answers an unknown event with an error ack', async () => {
    const socket = await connectChat(t, await registerUser(t));
    const ack = await emitWithAck(socket, 'drop_database', {});
    expect(ack).toEqual({ ok: false, error: { code: 'UNKNOWN_EVENT', message: expect.any(String) } });
  });

  it('closes a socket whose token expires, telling the client why', async () => {
    const user = await registerUser(t);
    const socket = await connectChat(t, { accessToken: shortLivedToken(user, 2) });
    const reason = nextEvent<{ code: string }>(socket, 'error', () => true, 8000);
    const closed = disconnected(socket, 8000);
    expect((await reason).code).toBe('TOKEN_EXPIRED');
    expect(await closed).toBe('io server disconnect');
  });

  it('keeps the socket when a fresh token of the same session arrives by reauth before expiry', async () => {
    const user = await registerUser(t);
    const socket = await connectChat(t, { accessToken: shortLivedToken(user, 2) });
    const ack = await emitWithAck<{ expiresAt: string }>(socket, 'reauth', { token: user.accessToken });
    expect(ack.ok).toBe(true);
    await expect(disconnected(socket, 3500)).rejects.toThrow(/still connected/);
    expect(socket.connected).toBe(true);
  });

  it('refuses reauth with a token of another user, and a malformed reauth payload', async () => {
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    const socket = await connectChat(t, alice);
    const mismatch = await emitWithAck(socket, 'reauth', { token: bob.accessToken });
    expect(mismatch).toMatchObject({ ok: false, error: { code: 'REAUTH_MISMATCH' } });
    const malformed = await emitWithAck(socket, 'reauth', { token: 42 });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
});

describe('Socket limits', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      SOCKET_MAX_PER_USER: '2',
      SOCKET_EVENTS_PER_SECOND: '5',
      SOCKET_HANDSHAKES_PER_MINUTE: '100000',
    });
  });
  afterEach(() => closeSockets());
  afterAll(() => t.close());

  it('caps the concurrent sockets of one user, and admits another once one closes', async () => {
    const user = await registerUser(t);
    const first = await connectChat(t, user);
    await connectChat(t, user);
    expect((await connectError(t, user.accessToken)).data?.code).toBe('TOO_MANY_SOCKETS');
    first.disconnect();
    await expect(retry(() => connectChat(t, user), 20)).resolves.toMatchObject({ connected: true });
  });

  it('counts events per user across sockets, answering the excess with RATE_LIMITED acks', async () => {
    const user = await registerUser(t);
    const [a, b] = [await connectChat(t, user), await connectChat(t, user)];
    const acks = await Promise.all(
      Array.from({ length: 8 }, (_, i) => emitWithAck(i % 2 ? a : b, 'reauth', { token: user.accessToken })),
    );
    const limited = acks.filter((ack) => !ack.ok && ack.error.code === 'RATE_LIMITED');
    // 5 per second for the user, whichever socket carried them (a window boundary can admit a few more).
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect(acks.filter((ack) => ack.ok).length).toBeLessThanOrEqual(7);
  });
});

describe('Message rate and frame size', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ SOCKET_MESSAGES_PER_MINUTE: '3', SOCKET_MAX_BUFFER_BYTES: '2048' });
  });
  afterEach(() => closeSockets());
  afterAll(() => t.close());

  it('counts messages per minute per user across sockets, refusing the excess with RATE_LIMITED', async () => {
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    const conversationId = (
      await t
        .http()
        .post('/api/v1/conversations/direct')
        .set(...bearer(alice))
        .send({ userId: bob.id })
    ).body.id as string;
    const [a, b] = [await connectChat(t, alice), await connectChat(t, alice)];
    const acks = [];
    for (let i = 0; i < 5; i += 1) {
      acks.push(await emitWithAck(i % 2 ? a : b, 'send_message', { conversationId, content: `m${i}` }));
    }
    expect(acks.map((ack) => (ack.ok ? 'ok' : ack.error.code))).toEqual([
      'ok',
      'ok',
      'ok',
      'RATE_LIMITED',
      'RATE_LIMITED',
    ]);
    const history = await t
      .http()
      .get(`/api/v1/conversations/${conversationId}/messages`)
      .set(...bearer(bob));
    expect(history.body.items).toHaveLength(3);
  });

  it('closes a connection that sends a frame above the size limit (uploads go over HTTP)', async () => {
    const socket = await connectChat(t, await registerUser(t));
    const closed = disconnected(socket);
    socket.emit(
      'send_message',
      { conversationId: '0'.repeat(24), content: 'x'.repeat(5000) },
      () => undefined,
    );
    expect(await closed).toBe('transport close');
  });
});

describe('Socket handshake rate per client address', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ SOCKET_HANDSHAKES_PER_MINUTE: '3' });
  });
  afterEach(() => closeSockets());
  afterAll(() => t.close());

  it('refuses handshakes beyond the per-minute cap for one address', async () => {
    const user = await registerUser(t);
    const outcomes: boolean[] = [];
    for (let i = 0; i < 5; i += 1) {
      outcomes.push(
        await connectChat(t, user).then(
          () => true,
          () => false,
        ),
      );
    }
    expect(outcomes.filter(Boolean).length).toBeLessThanOrEqual(3);
    expect(outcomes.slice(-1)).toEqual([false]);
  });
});

/** Presence removal on disconnect is asynchronous; retry a connection a few times. */
async function retry<T>(attempt: () => Promise<T>, times: number): Promise<T> {
  for (let i = 1; ; i += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= times) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
