import { Agent, request } from 'node:https';
import { bearer, registerUser } from '../support/builders';
import { ackData, closeSockets, connectChat } from '../support/socket-client';
import { startNginx, RunningNginx } from '../support/nginx';
import { createTestApp, TestApp, uniqueName } from '../support/test-app';

const insecure = new Agent({ rejectUnauthorized: false });

interface Reply {
  status: number;
  headers: Record<string, unknown>;
  body: string;
}

/** An HTTPS request through nginx; `localAddress` lets a test be a client with another loopback address. */
function call(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown; localAddress?: string } = {},
): Promise<Reply> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers =
    payload === undefined ? options.headers : { 'Content-Type': 'application/json', ...options.headers };
  return new Promise((resolve, reject) => {
    request(
      url,
      { agent: insecure, method: options.method ?? 'GET', headers, localAddress: options.localAddress },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    )
      .on('error', reject)
      .end(payload);
  });
}

describe('The repo’s Nginx config in front of the app', () => {
  let t: TestApp;
  let nginx: RunningNginx;

  beforeAll(async () => {
    // Trust nginx's address only, so the app's client address can come only from nginx's X-Forwarded-For.
    t = await createTestApp({ TRUST_PROXY: '127.0.0.1' });
    nginx = await startNginx([Number(new URL(t.url).port)]);
  });
  afterEach(() => closeSockets());
  afterAll(async () => {
    await nginx?.stop();
    await t?.close();
  });

  it('serves the API over HTTPS and passes the request id through', async () => {
    const res = await call(`${nginx.httpsUrl}/api/v1/health/live`, {
      headers: { 'X-Request-Id': 'req-through-nginx' },
    });
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toBe('req-through-nginx');
  });

  it('gives the app the real client address through X-Forwarded-For', async () => {
    // The client connects from 127.0.0.2 while nginx reaches the app from 127.0.0.1.
    const registered = await call(`${nginx.httpsUrl}/api/v1/auth/register`, {
      method: 'POST',
      localAddress: '127.0.0.2',
      body: {
        email: `${uniqueName('xff')}@example.test`,
        password: 'correct horse battery staple',
        displayName: 'Xff',
      },
    });
    expect(registered.status).toBe(201);
    const { accessToken } = JSON.parse(registered.body) as { accessToken: string };
    const sessions = await t
      .http()
      .get('/api/v1/auth/sessions')
      .set(...bearer({ accessToken }));
    expect(sessions.body.sessions).toEqual([expect.objectContaining({ ip: '127.0.0.2', current: true })]);
  });

  it('redirects plain HTTP to HTTPS', async () => {
    const res = await fetch(`${nginx.httpUrl}/api/v1/health/live`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(`${nginx.httpsUrl}/api/v1/health/live`);
  });

  it('carries a Socket.IO connection (WebSocket upgrade) to the chat namespace', async () => {
    const user = await registerUser(t);
    const socket = await connectChat({ url: nginx.httpsUrl }, user, { rejectUnauthorized: false });
    expect(socket.connected).toBe(true);
    const ack = await ackData(socket, 'reauth', { token: user.accessToken });
    expect(ack).toEqual({ expiresAt: expect.any(String) });
  });

  it('carries Socket.IO over HTTP long-polling too', async () => {
    const user = await registerUser(t);
    const socket = await connectChat({ url: nginx.httpsUrl }, user, {
      rejectUnauthorized: false,
      transports: ['polling'],
    });
    expect(socket.io.engine.transport.name).toBe('polling');
  });
});
