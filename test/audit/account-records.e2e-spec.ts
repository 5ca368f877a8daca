import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { MongoClient } from 'mongodb';
import { CLIENT, fromClient, registerAdmin, theRecord } from '../support/audit';
import { bearer, registerUser, RegisteredUser } from '../support/builders';
import { eventually } from '../support/eventually';
import { OAuthBrowser, OAuthStandIn } from '../support/oauth-provider';
import { connectTestMongo, createTestApp, testEnv, TestApp, uniqueName } from '../support/test-app';

const CLIENT_ORIGIN = 'http://127.0.0.1:5173';

describe('Audit records of provider logins, identities, and role and status changes', () => {
  let provider: OAuthStandIn;
  let env: Record<string, string>;
  let t: TestApp;
  let mongo: MongoClient;
  let admin: RegisteredUser;

  beforeAll(async () => {
    provider = await OAuthStandIn.start();
    env = testEnv({
      ...provider.env(),
      PUBLIC_API_URL: 'http://127.0.0.1:9',
      OAUTH_ALLOWED_REDIRECTS: CLIENT_ORIGIN,
    });
    t = await createTestApp({ ...env, DATABASE_NAME: new URL(env.MONGODB_URI).pathname.slice(1) });
    mongo = await connectTestMongo();
    admin = await registerAdmin(t, mongo);
  });
  afterAll(async () => {
    await t.close();
    await mongo.close();
    await provider.close();
  });

  const subject = () => String(1e11 + Math.floor(Math.random() * 9e11));

  /** Start, consent (or refuse) and callback in one browser; answers the redirect back to the client. */
  async function follow(start: string, account: string, deny = false): Promise<URL> {
    const browser = new OAuthBrowser(t);
    const started = await browser.get(start);
    const callback = await browser.get(await browser.consent(started.location ?? '', account, { deny }));
    expect(callback.status).toBe(302);
    return new URL(callback.location ?? '');
  }
  const loginStart = `/api/v1/auth/github?returnTo=${encodeURIComponent(CLIENT_ORIGIN)}`;

  it('records a provider sign-in at the code exchange, naming the provider', async () => {
    const account = provider.account({ id: subject(), name: 'Octo Cat' });
    const code = (await follow(loginStart, account)).searchParams.get('code');
    const res = await t.http().post('/api/v1/auth/oauth/exchange').set(fromClient()).send({ code });
    expect(res.status).toBe(200);
    const userId = res.body.user.id as string;
    expect(await theRecord(t, admin, { targetId: userId, action: 'auth.sign_in' })).toMatchObject({
      actorId: userId,
      actorRole: 'member',
      ip: CLIENT.ip,
      userAgent: CLIENT.userAgent,
      requestId: res.headers['x-request-id'],
      details: { method: 'github', sessionId: expect.stringMatching(/^[a-f\d]{24}$/) },
    });
    // The new account's provider identity was linked by that first login.
    expect(await theRecord(t, admin, { targetId: userId, action: 'identity.linked' })).toMatchObject({
      actorId: userId,
      details: { provider: 'github' },
    });
  });

  it('records a provider login refused at the provider, and a reused login code', async () => {
    const before = await failures();
    const back = await follow(loginStart, provider.account({ id: subject() }), true);
    expect(back.searchParams.get('error')).toBe('access_denied');
    const reused = await t
      .http()
      .post('/api/v1/auth/oauth/exchange')
      .send({ code: 'x'.repeat(43) });
    expect(reused.status).toBe(401);
    let records: Awaited<ReturnType<typeof failures>> = [];
    await eventually(async () => {
      records = await failures();
      expect(records.length - before.length).toBe(2);
    });
    expect(records.slice(0, 2).map((record) => record.details)).toEqual(
      expect.arrayContaining([
        { method: 'github', reason: 'OAUTH_ACCESS_DENIED' },
        { method: 'oauth', reason: 'OAUTH_CODE_INVALID' },
      ]),
    );
    expect(records[0]).toMatchObject({ actorId: null, targetType: null, targetId: null });
  });

  async function failures() {
    const res = await t
      .http()
      .get('/api/v1/admin/audit?action=auth.sign_in_failed&limit=100')
      .set(...bearer(admin));
    return res.body.items as Array<{ details: object; actorId: unknown; targetType: unknown }>;
  }

  it('records an explicit link and an unlink by the account owner', async () => {
    const user = await registerUser(t);
    const ticket = await t
      .http()
      .post('/api/v1/auth/oauth/link-ticket')
      .set(...bearer(user))
      .send({ provider: 'google', returnTo: CLIENT_ORIGIN });
    const url = new URL(ticket.body.url);
    const back = await follow(`${url.pathname}${url.search}`, provider.account({ id: subject() }));
    expect(back.searchParams.get('linked')).toBe('google');
    expect(await theRecord(t, admin, { targetId: user.id, action: 'identity.linked' })).toMatchObject({
      actorId: user.id,
      targetType: 'user',
      details: { provider: 'google' },
    });

    const unlink = await t
      .http()
      .delete('/api/v1/auth/identities/google')
      .set(fromClient())
      .set(...bearer(user));
    expect(unlink.status).toBe(204);
    expect(await theRecord(t, admin, { targetId: user.id, action: 'identity.unlinked' })).toMatchObject({
      actorId: user.id,
      actorRole: 'member',
      requestId: unlink.headers['x-request-id'],
      details: { provider: 'google' },
    });
  });

  it('records an admin disabling an account, and the disabled account failing to sign in', async () => {
    const user = await registerUser(t);
    const res = await t
      .http()
      .patch(`/api/v1/users/${user.id}/status`)
      .set(fromClient())
      .set(...bearer(admin))
      .send({ status: 'disabled' });
    expect(res.status).toBe(200);
    expect(await theRecord(t, admin, { targetId: user.id, action: 'user.status_changed' })).toMatchObject({
      actorId: admin.id,
      actorRole: 'admin',
      targetType: 'user',
      ip: CLIENT.ip,
      requestId: res.headers['x-request-id'],
      details: { status: 'disabled' },
    });

    const login = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password });
    expect(login.status).toBe(403);
    expect(await theRecord(t, admin, { targetId: user.id, action: 'auth.sign_in_failed' })).toMatchObject({
      actorId: null,
      details: { method: 'password', reason: 'ACCOUNT_DISABLED' },
    });
  });

  it('records the make-admin command as an operator change, without a request or an actor', async () => {
    const user = await registerUser(t, { email: `${uniqueName('cli')}@example.test` });
    await promisify(execFile)(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'src/cli.ts', 'make-admin', user.email],
      {
        cwd: resolve(__dirname, '../..'),
        env: { PATH: process.env.PATH ?? '', ...env, LOG_LEVEL: 'silent' },
      },
    );
    expect(await theRecord(t, admin, { targetId: user.id, action: 'user.role_changed' })).toMatchObject({
      actorId: null,
      actorRole: null,
      ip: null,
      userAgent: null,
      requestId: null,
      details: { role: 'admin', source: 'cli' },
    });
  });
});
