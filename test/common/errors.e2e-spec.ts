import { createTestApp, TestApp } from '../support/test-app';

describe('error shape and request ids', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT: '1kb' });
  });

  afterAll(() => t.close());

  it('answers an unknown route with 404 in the common error shape', async () => {
    const res = await t.http().get('/api/v1/no-such-route').expect(404);
    expect(res.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      code: 'NOT_FOUND',
      message: expect.any(String),
      requestId: expect.any(String),
    });
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const res = await t
      .http()
      .post('/api/v1/health')
      .set('Content-Type', 'application/json')
      .send('{"broken": ')
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'MALFORMED_JSON' });
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
  });

  it('answers an oversized body with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await t
      .http()
      .post('/api/v1/health')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ padding: 'x'.repeat(4096) }))
      .expect(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('never leaks stack traces or internals', async () => {
    const res = await t
      .http()
      .post('/api/v1/health')
      .set('Content-Type', 'application/json')
      .send('{"a":')
      .expect(400);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js|SyntaxError|node_modules/);
  });

  it('echoes a caller-supplied X-Request-Id in the header and the error body', async () => {
    const res = await t.http().get('/api/v1/missing').set('X-Request-Id', 'client-req-42').expect(404);
    expect(res.headers['x-request-id']).toBe('client-req-42');
    expect(res.body.requestId).toBe('client-req-42');
  });

  it('generates a request id when none (or an unsafe one) is given', async () => {
    const plain = await t.http().get('/api/v1/health/live').expect(200);
    expect(plain.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const unsafe = await t
      .http()
      .get('/api/v1/health/live')
      .set('X-Request-Id', 'bad id <script>')
      .expect(200);
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
