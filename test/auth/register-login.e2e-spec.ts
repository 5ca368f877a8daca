import { bearer, registerUser } from '../support/builders';
import { createTestApp, TestApp, uniqueName } from '../support/test-app';

describe('register, login and me', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(() => t.close());

  it('registers a user and returns tokens, with the refresh token also as an HttpOnly cookie', async () => {
    const email = `${uniqueName('New')}@Example.TEST`;
    const res = await t
      .http()
      .post('/api/v1/auth/register')
      .send({ email, password: 'a long enough password', displayName: 'Ada' })
      .expect(201);
    expect(res.body).toEqual({
      user: {
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        email: email.toLowerCase(),
        emailVerified: false,
        hideLastSeen: false,
        identities: [{ provider: 'local' }],
        displayName: 'Ada',
        avatarUrl: null,
        role: 'member',
        createdAt: expect.any(String),
      },
      accessToken: expect.any(String),
      expiresIn: 900,
      refreshToken: expect.stringMatching(/^[\w-]{43}$/),
    });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toContain(`parley_refresh=${res.body.refreshToken}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/api\/v1\/auth/);
  });

  it('refuses a second account with the same email, whatever its case', async () => {
    const user = await registerUser(t);
    const res = await t
      .http()
      .post('/api/v1/auth/register')
      .send({ email: user.email.toUpperCase(), password: 'another long password', displayName: 'Dup' })
      .expect(409);
    expect(res.body.code).toBe('EMAIL_TAKEN');
  });

  it('logs in and answers /auth/me with the user', async () => {
    const user = await registerUser(t);
    const login = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(200);
    const me = await t
      .http()
      .get('/api/v1/auth/me')
      .set(...bearer(login.body))
      .expect(200);
    expect(me.body.user).toMatchObject({ id: user.id, email: user.email, role: 'member' });
  });

  it('answers a wrong password and an unknown email identically', async () => {
    const user = await registerUser(t);
    const wrong = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: 'not the password' })
      .expect(401);
    const unknown = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: `${uniqueName('nobody')}@example.test`, password: 'not the password' })
      .expect(401);
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(strip(wrong.body)).toEqual(strip(unknown.body));
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('rejects invalid bodies with per-field details and creates nothing', async () => {
    const email = `${uniqueName('bad')}@example.test`;
    const res = await t
      .http()
      .post('/api/v1/auth/register')
      .send({ email, password: 'short', displayName: '' })
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(res.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['displayName', 'password']);
    await t.http().post('/api/v1/auth/login').send({ email, password: 'short' }).expect(401);
  });

  it('rejects operator injection and unknown fields with 400', async () => {
    await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: { $ne: null }, password: 'x' })
      .expect(400);
    const res = await t
      .http()
      .post('/api/v1/auth/register')
      .send({
        email: `${uniqueName('x')}@example.test`,
        password: 'long enough password',
        displayName: 'X',
        role: 'admin',
      })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it('refuses a password equal to the email', async () => {
    const email = `${uniqueName('same')}@example.test`;
    await t
      .http()
      .post('/api/v1/auth/register')
      .send({ email, password: email, displayName: 'S' })
      .expect(400);
  });

  it('requires a valid access token on protected routes', async () => {
    const missing = await t.http().get('/api/v1/auth/me').expect(401);
    expect(missing.body.code).toBe('TOKEN_MISSING');
    const forged = await t.http().get('/api/v1/auth/me').set('Authorization', 'Bearer a.b.c').expect(401);
    expect(forged.body.code).toBe('TOKEN_INVALID');
  });
});
