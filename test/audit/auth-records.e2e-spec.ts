import { MongoClient } from 'mongodb';
import type { AuditRecordResponse } from '../../src/audit/audit.dto';
import { auditRecords, CLIENT, fromClient, registerAdmin, theRecord } from '../support/audit';
import { bearer, registerUser, RegisteredUser } from '../support/builders';
import { eventually } from '../support/eventually';
import { linkToken, SmtpSink } from '../support/smtp-sink';
import { connectTestMongo, createTestApp, TestApp } from '../support/test-app';

describe('Audit records of sign-ins, sign-outs, sessions and passwords', () => {
  const smtp = new SmtpSink();
  let t: TestApp;
  let mongo: MongoClient;
  let admin: RegisteredUser;

  beforeAll(async () => {
    t = await createTestApp({ SMTP_URL: await smtp.start(), REFRESH_REUSE_GRACE_SECONDS: '1' });
    mongo = await connectTestMongo();
    admin = await registerAdmin(t, mongo);
  });
  afterAll(async () => {
    await t.close();
    await mongo.close();
    await smtp.close();
  });

  const post = (path: string, body: object, user?: { accessToken: string }) => {
    const request = t.http().post(`/api/v1/auth/${path}`).set(fromClient());
    return (user ? request.set(...bearer(user)) : request).send(body);
  };
  const login = (user: { email: string; password: string }) =>
    post('login', { email: user.email, password: user.password });
  const currentSessionId = async (user: { accessToken: string }): Promise<string> => {
    const res = await t
      .http()
      .get('/api/v1/auth/sessions')
      .set(...bearer(user));
    return (res.body.sessions as Array<{ id: string; current: boolean }>).find((s) => s.current)!.id;
  };

  it('records a password sign-in with the client address, user agent and request id of its request', async () => {
    const user = await registerUser(t);
    const res = await login(user);
    expect(res.status).toBe(200);
    const record = await theRecord(t, admin, { targetId: user.id, action: 'auth.sign_in' });
    expect(record).toEqual({
      id: expect.stringMatching(/^[a-f\d]{24}$/),
      at: expect.any(String),
      actorId: user.id,
      actorRole: 'member',
      action: 'auth.sign_in',
      targetType: 'user',
      targetId: user.id,
      ip: CLIENT.ip,
      userAgent: CLIENT.userAgent,
      requestId: res.headers['x-request-id'],
      details: { method: 'password', sessionId: await currentSessionId(res.body) },
    });
    expect(Math.abs(Date.parse(record.at) - Date.now())).toBeLessThan(30_000);
  });

  it('records a failed sign-in against the account, without the password, and no actor', async () => {
    const user = await registerUser(t);
    const res = await login({ email: user.email, password: 'not the password at all' });
    expect(res.status).toBe(401);
    const record = await theRecord(t, admin, { targetId: user.id, action: 'auth.sign_in_failed' });
    expect(record).toMatchObject({
      actorId: null,
      actorRole: null,
      targetType: 'user',
      requestId: res.headers['x-request-id'],
      ip: CLIENT.ip,
      details: { method: 'password', reason: 'INVALID_CREDENTIALS' },
    });
    expect(JSON.stringify(record)).not.toContain('not the password');
  });

  it('records attempts on an unknown address under one fingerprint, never the address', async () => {
    const address = `nobody-${Date.now()}@example.test`;
    const first = await login({ email: address, password: 'whatever it is' });
    const second = await login({ email: address.toUpperCase(), password: 'whatever it is' });
    expect([first.status, second.status]).toEqual([401, 401]);
    let attempts: AuditRecordResponse[] = [];
    await eventually(async () => {
      const failures = await auditRecords(t, admin, { action: 'auth.sign_in_failed', limit: '100' });
      const ids = [first, second].map((res) => res.headers['x-request-id']);
      attempts = failures.filter((record) => ids.includes(record.requestId ?? ''));
      expect(attempts).toHaveLength(2);
    });
    expect(attempts[0]).toMatchObject({ actorId: null, targetType: 'email' });
    expect(attempts[0].targetId).toMatch(/^[a-f\d]{24}$/);
    expect(attempts[1].targetId).toBe(attempts[0].targetId);
    expect(JSON.stringify(attempts)).not.toMatch(/nobody-/i);
  });

  it('records sign-out (the session) and sign-out everywhere (the user, with the sessions ended)', async () => {
    const user = await registerUser(t);
    const other = (await login(user)).body as { accessToken: string };
    const sessionId = await currentSessionId(other);
    expect((await post('logout', {}, other)).status).toBe(204);
    expect(await theRecord(t, admin, { targetId: sessionId })).toMatchObject({
      action: 'auth.sign_out',
      actorId: user.id,
      actorRole: 'member',
      targetType: 'session',
    });

    expect((await post('logout-all', {}, user)).status).toBe(204);
    expect(await theRecord(t, admin, { targetId: user.id, action: 'auth.sign_out_all' })).toMatchObject({
      actorId: user.id,
      details: { sessions: 1 },
    });
  });

  it('records revoking one of my sessions from another', async () => {
    const user = await registerUser(t);
    const phone = (await login(user)).body as { accessToken: string };
    const phoneSession = await currentSessionId(phone);
    const res = await t
      .http()
      .delete(`/api/v1/auth/sessions/${phoneSession}`)
      .set(fromClient())
      .set(...bearer(user));
    expect(res.status).toBe(204);
    expect(await theRecord(t, admin, { targetId: phoneSession })).toMatchObject({
      action: 'session.revoked',
      actorId: user.id,
      targetType: 'session',
      requestId: res.headers['x-request-id'],
    });
  });

  it('records the session a replayed refresh token ended, with no actor (the token may be stolen)', async () => {
    const user = await registerUser(t);
    const sessionId = await currentSessionId(user);
    expect((await post('refresh', { refreshToken: user.refreshToken })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const replay = await post('refresh', { refreshToken: user.refreshToken });
    expect(replay.body.code).toBe('REFRESH_TOKEN_REUSED');
    const record = await theRecord(t, admin, { targetId: sessionId });
    expect(record).toMatchObject({
      action: 'session.revoked',
      actorId: null,
      requestId: replay.headers['x-request-id'],
      details: { reason: 'REFRESH_TOKEN_REUSED' },
    });
    expect(JSON.stringify(record)).not.toContain(user.refreshToken);
  });

  it('records a password change by the signed-in user and a reset through the emailed link', async () => {
    const user = await registerUser(t);
    const changed = await post(
      'change-password',
      { currentPassword: user.password, newPassword: 'a brand new passphrase' },
      user,
    );
    expect(changed.status).toBe(204);
    expect(await theRecord(t, admin, { targetId: user.id, action: 'auth.password_changed' })).toMatchObject({
      actorId: user.id,
      actorRole: 'member',
      requestId: changed.headers['x-request-id'],
      details: {},
    });

    expect((await post('forgot-password', { email: user.email })).status).toBe(202);
    const token = linkToken(await smtp.next(user.email), 'reset-password');
    const reset = await post('reset-password', { token, password: 'another new passphrase' });
    expect(reset.status).toBe(204);
    const record = await theRecord(t, admin, { targetId: user.id, action: 'auth.password_reset' });
    expect(record).toMatchObject({ actorId: user.id, actorRole: 'member', ip: CLIENT.ip });
    expect(JSON.stringify(record)).not.toContain(token);
  });
});
