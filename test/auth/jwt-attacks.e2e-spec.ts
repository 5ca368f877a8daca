import { createHmac, createSign, generateKeyPairSync } from 'node:crypto';
import { bearer, registerUser } from '../support/builders';
import { createTestApp, TestApp, testEnv } from '../support/test-app';

// Tokens are forged by hand with node:crypto so each test controls exactly one flaw.
const SECRET = testEnv().JWT_ACCESS_SECRET;
const b64 = (value: object | Buffer): string =>
  (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString('base64url');

function claimsOf(accessToken: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString('utf8'));
}

function hmacToken(alg: 'HS256' | 'HS512', claims: object, secret = SECRET): string {
  const body = `${b64({ alg, typ: 'JWT' })}.${b64(claims)}`;
  const hash = alg === 'HS256' ? 'sha256' : 'sha512';
  return `${body}.${b64(createHmac(hash, secret).update(body).digest())}`;
}

describe('Access token attacks', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const meWith = (accessToken: string) =>
    t
      .http()
      .get('/api/v1/auth/me')
      .set(...bearer({ accessToken }));

  it('accepts a correctly forged HS256 token, proving the forgery helper matches the server', async () => {
    const user = await registerUser(t);
    const res = await meWith(hmacToken('HS256', claimsOf(user.accessToken)));
    expect(res.status).toBe(200);
  });

  it('rejects alg none', async () => {
    const user = await registerUser(t);
    const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claimsOf(user.accessToken))}.`;
    const res = await meWith(token);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('TOKEN_INVALID');
  });

  it('rejects another HMAC algorithm signed with the right secret', async () => {
    const user = await registerUser(t);
    expect((await meWith(hmacToken('HS512', claimsOf(user.accessToken)))).status).toBe(401);
  });

  it('rejects an RS256 token', async () => {
    const user = await registerUser(t);
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const body = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claimsOf(user.accessToken))}`;
    const signature = createSign('RSA-SHA256').update(body).sign(privateKey);
    expect((await meWith(`${body}.${b64(signature)}`)).status).toBe(401);
  });

  it('rejects a bad signature', async () => {
    const user = await registerUser(t);
    const token = hmacToken('HS256', claimsOf(user.accessToken), 'another-secret-of-enough-length');
    expect((await meWith(token)).status).toBe(401);
  });

  it('rejects a token expired beyond the clock skew but accepts one within it', async () => {
    const user = await registerUser(t);
    const now = Math.floor(Date.now() / 1000);
    const claims = claimsOf(user.accessToken);
    expect((await meWith(hmacToken('HS256', { ...claims, exp: now - 60 }))).status).toBe(401);
    expect((await meWith(hmacToken('HS256', { ...claims, exp: now - 1 }))).status).toBe(200);
  });

  it('rejects a wrong issuer and a wrong audience', async () => {
    const user = await registerUser(t);
    const claims = claimsOf(user.accessToken);
    expect((await meWith(hmacToken('HS256', { ...claims, iss: 'someone-else' }))).status).toBe(401);
    expect((await meWith(hmacToken('HS256', { ...claims, aud: 'another-app' }))).status).toBe(401);
  });

  it('rejects a valid token of a revoked session', async () => {
    const user = await registerUser(t);
    const logout = await t
      .http()
      .post('/api/v1/auth/logout')
      .set(...bearer(user));
    expect(logout.status).toBe(204);
    expect((await meWith(user.accessToken)).status).toBe(401);
  });

  it('rejects a role claim escalated by a client without the secret', async () => {
    const user = await registerUser(t);
    const [header, , signature] = user.accessToken.split('.');
    const forged = `${header}.${b64({ ...claimsOf(user.accessToken), role: 'admin' })}.${signature}`;
    expect((await meWith(forged)).status).toBe(401);
  });
});

describe('Injection and strict input', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers 400 to an operator object in place of the login email', async () => {
    await registerUser(t);
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: { $ne: null }, password: { $ne: null } });
    expect(res.status).toBe(400);
  });

  it('answers 400 to unknown fields on register and changes nothing', async () => {
    const email = `strict-${Date.now()}@example.test`;
    const res = await t
      .http()
      .post('/api/v1/auth/register')
      .send({ email, password: 'correct horse battery staple', displayName: 'X', role: 'admin' });
    expect(res.status).toBe(400);
    const login = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email, password: 'correct horse battery staple' });
    expect(login.status).toBe(401);
  });

  it('answers 400 to an operator object in the refresh body', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: { $gt: '' } });
    expect(res.status).toBe(400);
  });
});
