import { bearer, registerUser } from '../support/builders';
import { decodedBody, linkToken, SmtpSink } from '../support/smtp-sink';
import { createTestApp, TestApp } from '../support/test-app';

describe('Email verification and password reset', () => {
  const smtp = new SmtpSink();
  let t: TestApp;

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    t = await createTestApp({
      SMTP_URL: smtpUrl,
      PUBLIC_WEB_URL: 'https://app.parley.test',
      EMAIL_VERIFY_ON_REGISTER: 'true',
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const post = (path: string, body: object, user?: { accessToken: string }) => {
    const request = t.http().post(`/api/v1/auth/${path}`);
    return (user ? request.set(...bearer(user)) : request).send(body);
  };
  const me = (user: { accessToken: string }) =>
    t
      .http()
      .get('/api/v1/auth/me')
      .set(...bearer(user));

  /** Registers a user and takes the verification email every sign-up sends. */
  const signUp = async () => {
    const user = await registerUser(t);
    const welcome = await smtp.next(user.email);
    return { ...user, welcome, verifyToken: linkToken(welcome, 'verify-email') };
  };

  it('emails a link at sign-up that verifies the address without a sign-in, once', async () => {
    const user = await signUp();
    expect(decodedBody(user.welcome)).toContain('https://app.parley.test/verify-email?token=');
    expect((await me(user)).body.user.emailVerified).toBe(false);
    expect((await post('verify-email', { token: user.verifyToken })).status).toBe(204);
    expect((await me(user)).body.user.emailVerified).toBe(true);
    const again = await post('verify-email', { token: user.verifyToken });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('EMAIL_TOKEN_INVALID');
  });

  it('sends a fresh link to a signed-in user who asks, and to nobody else', async () => {
    const user = await signUp();
    expect((await post('verify-email/send', {})).status).toBe(401);
    expect((await post('verify-email/send', {}, user)).status).toBe(204);
    const fresh = linkToken(await smtp.next(user.email), 'verify-email');
    expect(fresh).not.toBe(user.verifyToken);
    expect((await post('verify-email', { token: fresh })).status).toBe(204);
    expect((await me(user)).body.user.emailVerified).toBe(true);
    expect((await post('verify-email', {})).status).toBe(400);
  });

  it('answers forgot-password the same for a known and an unknown email', async () => {
    const user = await signUp();
    const known = await post('forgot-password', { email: user.email });
    const unknown = await post('forgot-password', { email: `nobody-${Date.now()}@example.test` });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);
    await smtp.next(user.email);
  });

  it('resets the password with the emailed token, ends every session and refuses the token twice', async () => {
    const user = await signUp();
    await post('forgot-password', { email: user.email });
    const token = linkToken(await smtp.next(user.email), 'reset-password');
    const password = 'a brand new passphrase';
    expect((await post('reset-password', { token, password })).status).toBe(204);
    expect((await me(user)).status).toBe(401);
    expect((await post('refresh', { refreshToken: user.refreshToken })).status).toBe(401);
    expect((await post('login', { email: user.email, password: user.password })).status).toBe(401);
    expect((await post('login', { email: user.email, password })).status).toBe(200);
    expect((await post('reset-password', { token, password: 'yet another passphrase' })).status).toBe(400);
  });

  it('refuses an unknown reset token and a weak new password without changing anything', async () => {
    const user = await signUp();
    const forged = await post('reset-password', {
      token: 'x'.repeat(43),
      password: 'a brand new passphrase',
    });
    expect(forged.status).toBe(400);
    expect(forged.body.code).toBe('EMAIL_TOKEN_INVALID');
    await post('forgot-password', { email: user.email });
    const token = linkToken(await smtp.next(user.email), 'reset-password');
    expect((await post('reset-password', { token, password: 'short' })).status).toBe(400);
    expect((await me(user)).status).toBe(200);
  });

  it('changes the password with the current one, ending sessions and pending verification links', async () => {
    const user = await signUp();
    const wrong = await post(
      'change-password',
      { currentPassword: 'not my password', newPassword: 'a brand new passphrase' },
      user,
    );
    expect(wrong.status).toBe(401);
    const changed = await post(
      'change-password',
      { currentPassword: user.password, newPassword: 'a brand new passphrase' },
      user,
    );
    expect(changed.status).toBe(204);
    expect((await me(user)).status).toBe(401);
    const login = await post('login', { email: user.email, password: 'a brand new passphrase' });
    expect(login.status).toBe(200);
    expect((await post('verify-email', { token: user.verifyToken })).status).toBe(400);
  });

  it('rejects unknown fields and operator objects', async () => {
    expect((await post('forgot-password', { email: { $ne: null } })).status).toBe(400);
    expect(
      (await post('reset-password', { token: 'x'.repeat(43), password: 'p'.repeat(12), x: 1 })).status,
    ).toBe(400);
  });
});
