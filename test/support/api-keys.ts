import type { CreatedApiKeyResponse } from '../../src/api-keys/api-keys.dto';
import { bearer } from './builders';
import { TestApp } from './test-app';

/** POST /admin/api-keys as `admin` (a `notify:send` key unless told otherwise), expecting 201. */
export async function createApiKey(
  t: Pick<TestApp, 'http'>,
  admin: { accessToken: string },
  body: Record<string, unknown> = {},
): Promise<CreatedApiKeyResponse> {
  const res = await t
    .http()
    .post('/api/v1/admin/api-keys')
    .set(...bearer(admin))
    .send({ name: 'test service', scopes: ['notify:send'], ...body });
  if (res.status !== 201) {
    throw new Error(`API key creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body as CreatedApiKeyResponse;
}

/** POST /notify with `key` (a fresh idempotency key unless the body names one). */
export function notify(t: Pick<TestApp, 'http'>, key: string, body: Record<string, unknown>) {
  return t
    .http()
    .post('/api/v1/notify')
    .set('Authorization', `Bearer ${key}`)
    .send({
      title: 'Invoice ready',
      body: 'Your March invoice is ready.',
      idempotencyKey: randomKey(),
      ...body,
    });
}

/** GET /notify/:id with `key`. */
export function notifyProgress(t: Pick<TestApp, 'http'>, key: string, id: string) {
  return t.http().get(`/api/v1/notify/${id}`).set('Authorization', `Bearer ${key}`);
}

let counter = 0;
function randomKey(): string {
  counter += 1;
  return `test-${process.pid}-${Date.now()}-${counter}`;
}
