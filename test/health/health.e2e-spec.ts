import { RunningRedis, startRedis } from '../support/local-services';
import { createTestApp, TestApp } from '../support/test-app';
import { eventually } from '../support/eventually';

describe('health', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(() => t.close());

  it('reports MongoDB, Redis and heap on /health', async () => {
    const res = await t.http().get('/api/v1/health');
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(Object.keys(res.body.info).sort()).toEqual(['heap', 'mongodb', 'redis']);
  });

  it('reports the process down on /health, not on /health/ready, above the heap limit', async () => {
    const small = await createTestApp({ HEALTH_HEAP_LIMIT_MB: '1' });
    try {
      const res = await small.http().get('/api/v1/health');
      expect(res.status).toBe(503);
      expect(res.body.message).toContain('heap');
      await small.http().get('/api/v1/health/ready').expect(200);
    } finally {
      await small.close();
    }
  });

  it('answers /health/live without touching dependencies', async () => {
    await t.http().get('/api/v1/health/live').expect(200, { status: 'ok' });
  });

  it('is ready when MongoDB and Redis answer', async () => {
    const res = await t.http().get('/api/v1/health/ready').expect(200);
    expect(res.body.info).toEqual({ mongodb: { status: 'up' }, redis: { status: 'up' } });
  });
});

describe('readiness during a Redis outage', () => {
  let redis: RunningRedis;
  let t: TestApp;

  beforeAll(async () => {
    redis = await startRedis();
    t = await createTestApp({ REDIS_URL: redis.url });
  });

  afterAll(async () => {
    await t.close();
    await redis.stop();
  });

  it('turns 503 naming redis while it is down, and 200 again once it is back, without a restart', async () => {
    await t.http().get('/api/v1/health/ready').expect(200);

    await redis.stop();
    const down = await t.http().get('/api/v1/health/ready').expect(503);
    expect(down.body).toMatchObject({
      statusCode: 503,
      code: 'SERVICE_UNAVAILABLE',
      message: expect.stringMatching(/redis/),
    });
    expect(down.body.details.error.redis.status).toBe('down');
    expect(down.body.details.info.mongodb.status).toBe('up');
    await t.http().get('/api/v1/health/live').expect(200);

    await redis.restart();
    await eventually(async () => {
      await t.http().get('/api/v1/health/ready').expect(200);
    }, 15_000);
  });
});
