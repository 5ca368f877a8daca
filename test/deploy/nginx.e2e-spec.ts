import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  let dist: string;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'parley-web-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(
      join(dist, 'index.html'),
      '<!doctype html><script type="module" src="/assets/app-1a2b.js"></script>',
    );
    writeFileSync(join(dist, 'assets', 'app-1a2b.js'), 'document.title = "Parley";');
    // Trust nginx's address only, so the app's client address can come only from nginx's X-Forwarded-For.
    t = await createTestApp({ TRUST_PROXY: '127.0.0.1', WEB_DIST_DIR: dist });
    nginx = await startNginx([Number(new URL(t.url).port)]);
  });
  afterEach(() => closeSockets());
  afterAll(async () => {
    await nginx?.stop();
    await t?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves the API over HTTPS and passes the request id through', async () => {
    const res = await call(`${nginx.httpsUrl}/api/v1/health/live`, {
      headers: { 'X-Request-Id': 'req-through-nginx' },
    });
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toBe('req-through-nginx');
  });

  it('serves the web client from the app: index.html for its routes, hashed assets, the CSP, API 404s in JSON', async () => {
    for (const path of ['/', '/c/66a1f0c2e4b0a1b2c3d4e5f6', '/verify-email?token=abc']) {
      const page = await call(`${nginx.httpsUrl}${path}`);
      expect({ path, status: page.status, type: page.headers['content-type'] }).toEqual({
        path,
        status: 200,
        type: expect.stringMatching(/^text\/html/),
      });
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.headers['cache-control']).toBe('no-cache');
    }
    const asset = await call(`${nginx.httpsUrl}/assets/app-1a2b.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const unknown = await call(`${nginx.httpsUrl}/api/v1/no-such-route`);
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });

  it("admits a socket from the client's page (same host, https through nginx) without a CORS_ORIGINS entry", async () => {
    const user = await registerUser(t);
    const socket = await connectChat({ url: nginx.httpsUrl }, user, {
      rejectUnauthorized: false,
      extraHeaders: { Origin: nginx.httpsUrl },
    });
    expect(socket.connected).toBe(true);
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
