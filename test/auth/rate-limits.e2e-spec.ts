import { bearer, registerUser } from '../support/builders';
import { RunningRedis, startRedis } from '../support/local-services';
import { eventually } from '../support/eventually';
import { createTestApp, TestApp } from '../support/test-app';

describe('Rate limits', () => {
  let t: TestApp | undefined;

  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const app = (): TestApp => {
    if (!t) {
      throw new Error('no app started');
    }
    return t;
  };
  const login = (email: string) =>
    app().http().post('/api/v1/auth/login').send({ email, password: 'wrong password!' });

  it('limits login attempts per client address with 429, Retry-After and the common error body', async () => {
    t = await createTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: '3' });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) {
      statuses.push((await login(`someone${i}@example.test`)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await login('another@example.test');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({
      statusCode: 429,
      code: 'RATE_LIMITED',
      requestId: expect.any(String),
    });
  });

  it('limits attempts per account too, whatever address they come from', async () => {
    t = await createTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: 'loopback' });
    const from = (ip: string, email: string) =>
      app()
        .http()
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', ip)
        .send({ email, password: 'wrong password!' });
    expect((await from('203.0.113.1', 'victim@example.test')).status).toBe(401);
    expect((await from('203.0.113.2', 'victim@example.test')).status).toBe(401);
    expect((await from('203.0.113.3', 'victim@example.test')).status).toBe(429);
    expect((await from('203.0.113.4', 'someone-else@example.test')).status).toBe(401);
  });

  it('limits signed-in users per user, not per address', async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '5' });
    const user = await registerUser(t);
    const other = await registerUser(t);
    const statuses = [];
    for (let i = 0; i < 6; i += 1) {
      statuses.push(
        (
          await app()
            .http()
            .get('/api/v1/users/me')
            .set(...bearer(user))
        ).status,
      );
    }
    expect(statuses.slice(-1)).toEqual([429]);
    expect(
      (
        await app()
          .http()
          .get('/api/v1/users/me')
          .set(...bearer(other))
      ).status,
    ).toBe(200);
  });

  it('fails open while Redis is down, and enforces limits again once it is back', async () => {
    const redis: RunningRedis = await startRedis();
    try {
      t = await createTestApp({ REDIS_URL: redis.url, AUTH_RATE_LIMIT_PER_MINUTE: '2' });
      await redis.stop();
      for (let i = 0; i < 4; i += 1) {
        expect((await login('down@example.test')).status).toBe(401);
      }
      await redis.restart();
      await eventually(
        async () => {
          expect((await login('up@example.test')).status).toBe(429);
        },
        10_000,
        200,
      );
    } finally {
      await t?.close();
      t = undefined;
      await redis.stop();
    }
  });
});
