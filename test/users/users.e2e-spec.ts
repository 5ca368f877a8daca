import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { bearer, registerUser } from '../support/builders';
import { closeSockets, connectChat, disconnected, nextEvent } from '../support/socket-client';
import { createTestApp, testEnv, TestApp } from '../support/test-app';

describe('Users', () => {
  let t: TestApp;
  let env: Record<string, string>;

  beforeAll(async () => {
    env = testEnv();
    t = await createTestApp({ DATABASE_NAME: new URL(env.MONGODB_URI).pathname.slice(1) });
  });
  afterEach(() => closeSockets());
  afterAll(() => t.close());

  it('shows and updates my own profile, validating every field', async () => {
    const user = await registerUser(t, { displayName: 'Before' });
    const me = await t
      .http()
      .get('/api/v1/users/me')
      .set(...bearer(user));
    expect(me.body.user).toMatchObject({
      id: user.id,
      email: user.email,
      displayName: 'Before',
      role: 'member',
      identities: [{ provider: 'local' }],
    });
    const patch = await t
      .http()
      .patch('/api/v1/users/me')
      .set(...bearer(user))
      .send({ displayName: 'After', avatarUrl: 'https://img.example.test/a.png' });
    expect(patch.body.user).toMatchObject({
      displayName: 'After',
      avatarUrl: 'https://img.example.test/a.png',
    });
    for (const bad of [
      {},
      { displayName: '' },
      { avatarUrl: 'javascript:alert(1)' },
      { role: 'admin' },
      { email: 'x@y.z' },
    ]) {
      const res = await t
        .http()
        .patch('/api/v1/users/me')
        .set(...bearer(user))
        .send(bad);
      expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
    }
    expect(
      (
        await t
          .http()
          .get('/api/v1/users/me')
          .set(...bearer(user))
      ).body.user.role,
    ).toBe('member');
  });

  it('shows a public profile without email, and 404 for unknown ids', async () => {
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    const res = await t
      .http()
      .get(`/api/v1/users/${bob.id}`)
      .set(...bearer(alice));
    expect(res.body).toEqual({ id: bob.id, displayName: bob.displayName, avatarUrl: null });
    expect(
      (
        await t
          .http()
          .get('/api/v1/users/0123456789abcdef01234567')
          .set(...bearer(alice))
      ).status,
    ).toBe(404);
    expect(
      (
        await t
          .http()
          .get('/api/v1/users/not-an-id')
          .set(...bearer(alice))
      ).status,
    ).toBe(400);
  });

  it('lets only admins and moderators disable an account, which ends its sessions and sockets at once', async () => {
    const [admin, member, target] = [await registerUser(t), await registerUser(t), await registerUser(t)];
    const disable = (caller?: { accessToken: string }) => {
      const req = t.http().patch(`/api/v1/users/${target.id}/status`);
      return (caller ? req.set(...bearer(caller)) : req).send({ status: 'disabled' });
    };
    expect((await disable(member)).status).toBe(403);
    expect((await disable()).status).toBe(401);

    const cli = await promisify(execFile)(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'src/cli.ts', 'make-admin', admin.email],
      {
        cwd: resolve(__dirname, '../..'),
        env: { PATH: process.env.PATH ?? '', ...env, LOG_LEVEL: 'silent' },
      },
    );
    expect(cli.stdout).toContain('is now an admin');
    const login = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: admin.email, password: admin.password });
    expect(login.body.user.role).toBe('admin');

    const socket = await connectChat(t, target);
    const reason = nextEvent<{ code: string }>(socket, 'error');
    const closed = disconnected(socket);
    expect((await disable(login.body)).status).toBe(200);
    expect(['SESSION_REVOKED', 'ACCOUNT_DISABLED']).toContain((await reason).code);
    await closed;
    expect(
      (
        await t
          .http()
          .get('/api/v1/users/me')
          .set(...bearer(target))
      ).status,
    ).toBe(401);
    const relogin = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: target.email, password: target.password });
    expect(relogin.status).toBe(403);
    expect(relogin.body.code).toBe('ACCOUNT_DISABLED');
  });
});
