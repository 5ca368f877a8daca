import { bearer, registerUser } from '../support/builders';
import { closeSockets, connectChat, connectError, disconnected, nextEvent } from '../support/socket-client';
import { createTestApp, TestApp, uniqueName } from '../support/test-app';

describe('Refresh tokens and sessions', () => {
  let t: TestApp;
  const redisPrefix = uniqueName('t');

  beforeAll(async () => {
    t = await createTestApp({ REFRESH_REUSE_GRACE_SECONDS: '1', REDIS_KEY_PREFIX: redisPrefix });
  });
  afterEach(() => closeSockets());
  afterAll(() => t.close());

  const refresh = (refreshToken: string) => t.http().post('/api/v1/auth/refresh').send({ refreshToken });
  /** The status of an authenticated auth route, on this suite's app unless another is given. */
  const statusOf = async (method: 'get' | 'post', route: string, user: { accessToken: string }, app = t) =>
    (
      await app
        .http()
        [method](`/api/v1/auth/${route}`)
        .set(...bearer(user))
    ).status;
  const meStatus = (user: { accessToken: string }, app = t) => statusOf('get', 'me', user, app);
  const logoutStatus = (user: { accessToken: string }) => statusOf('post', 'logout', user);

  it('rotates the refresh token on every refresh and issues a working access token', async () => {
    const user = await registerUser(t);
    const first = await refresh(user.refreshToken);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      accessToken: expect.any(String),
      expiresIn: 900,
      refreshToken: expect.any(String),
    });
    expect(first.body.refreshToken).not.toBe(user.refreshToken);
    expect(first.headers['set-cookie']?.[0]).toMatch(/^parley_refresh=.*HttpOnly.*SameSite=Strict/i);
    const me = await t
      .http()
      .get('/api/v1/auth/me')
      .set(...bearer(first.body));
    expect(me.status).toBe(200);
    const second = await refresh(first.body.refreshToken);
    expect(second.status).toBe(200);
  });

  it('accepts the refresh token from the cookie', async () => {
    const user = await registerUser(t);
    const res = await t
      .http()
      .post('/api/v1/auth/refresh')
      .set('Cookie', `parley_refresh=${user.refreshToken}`)
      .send({});
    expect(res.status).toBe(200);
  });

  it('gives racing refreshes with one token the same successor, and the session stays usable', async () => {
    const user = await registerUser(t);
    const replies = await Promise.all(Array.from({ length: 10 }, () => refresh(user.refreshToken)));
    expect(replies.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(new Set(replies.map((r) => r.body.refreshToken)).size).toBe(1);
    expect((await refresh(replies[0].body.refreshToken)).status).toBe(200);
  });

  it('treats a retired token presented after the grace window as theft: the session ends and its sockets close', async () => {
    const user = await registerUser(t);
    const socket = await connectChat(t, user);
    const rotated = await refresh(user.refreshToken);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const reason = nextEvent<{ code: string }>(socket, 'error');
    const closed = disconnected(socket);
    const replay = await refresh(user.refreshToken);
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('REFRESH_TOKEN_REUSED');
    expect((await reason).code).toBe('SESSION_REVOKED');
    await closed;
    expect((await refresh(rotated.body.refreshToken)).status).toBe(401);
    expect(await meStatus(rotated.body)).toBe(401);
  });

  it('rejects unknown and missing refresh tokens', async () => {
    expect((await refresh('x'.repeat(43))).body.code).toBe('REFRESH_TOKEN_INVALID');
    expect((await t.http().post('/api/v1/auth/refresh').send({})).status).toBe(401);
    expect(
      (
        await t
          .http()
          .post('/api/v1/auth/refresh')
          .send({ refreshToken: { $ne: null } })
      ).status,
    ).toBe(400);
  });

  it('lists sessions with the current and connected flags, and revokes one', async () => {
    const user = await registerUser(t);
    const login = await t
      .http()
      .post('/api/v1/auth/login')
      .set('User-Agent', 'Phone/1.0')
      .send({ email: user.email, password: user.password });
    const phone = { accessToken: login.body.accessToken as string };
    const phoneSocket = await connectChat(t, phone);
    const list = await t
      .http()
      .get('/api/v1/auth/sessions')
      .set(...bearer(user));
    expect(list.status).toBe(200);
    expect(list.body.sessions).toHaveLength(2);
    const phoneSession = list.body.sessions.find(
      (s: { deviceLabel: string }) => s.deviceLabel === 'Phone/1.0',
    );
    expect(phoneSession).toMatchObject({ current: false, connected: true, ip: expect.any(String) });
    expect(list.body.sessions.find((s: { current: boolean }) => s.current)).toMatchObject({
      connected: false,
    });

    const closed = disconnected(phoneSocket);
    const revoked = await t
      .http()
      .delete(`/api/v1/auth/sessions/${phoneSession.id}`)
      .set(...bearer(user));
    expect(revoked.status).toBe(204);
    await closed;
    expect(await meStatus(phone)).toBe(401);
    expect(await meStatus(user)).toBe(200);

    const someoneElse = await registerUser(t);
    const foreign = await t
      .http()
      .delete(`/api/v1/auth/sessions/${phoneSession.id}`)
      .set(...bearer(someoneElse));
    expect(foreign.status).toBe(404);
  });

  it('logs out this session, or every session', async () => {
    const user = await registerUser(t);
    const other = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password });
    expect(await logoutStatus(user)).toBe(204);
    expect(await meStatus(user)).toBe(401);
    expect(await meStatus(other.body)).toBe(200);
    const again = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password });
    expect(
      (
        await t
          .http()
          .post('/api/v1/auth/logout-all')
          .set(...bearer(again.body))
      ).status,
    ).toBe(204);
    expect(await meStatus(other.body)).toBe(401);
    expect((await refresh(other.body.refreshToken)).status).toBe(401);
  });

  it("logs out every other session and keeps this one, closing the others' sockets", async () => {
    const user = await registerUser(t);
    const login = () =>
      t.http().post('/api/v1/auth/login').send({ email: user.email, password: user.password });
    const [phone, tablet] = [(await login()).body, (await login()).body];
    const phoneSocket = await connectChat(t, phone);
    const closed = disconnected(phoneSocket);
    expect(await statusOf('post', 'logout-others', user)).toBe(204);
    await closed;
    expect(await meStatus(phone)).toBe(401);
    expect(await meStatus(tablet)).toBe(401);
    expect((await refresh(tablet.refreshToken)).status).toBe(401);
    expect(await meStatus(user)).toBe(200);
    expect((await refresh(user.refreshToken)).status).toBe(200);
  });

  it('refuses a session logged out through one instance at once on another that had just accepted it', async () => {
    const second = await createTestApp({ DATABASE_NAME: t.databaseName, REDIS_KEY_PREFIX: redisPrefix });
    try {
      const user = await registerUser(t);
      // The second instance accepts the session (and keeps it) for requests and sockets...
      expect(await meStatus(user, second)).toBe(200);
      (await connectChat(second, user)).disconnect();
      expect(await logoutStatus(user)).toBe(204);
      // ...and refuses it as soon as the logout has returned, with the token still unexpired.
      const refused = await second
        .http()
        .get('/api/v1/auth/me')
        .set(...bearer(user));
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe('SESSION_REVOKED');
      expect((await connectError(second, user.accessToken)).data?.code).toBe('SESSION_REVOKED');
    } finally {
      await second.close();
    }
  });
});
