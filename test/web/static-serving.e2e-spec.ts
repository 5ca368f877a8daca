import { createServer, Server } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, recordProblems, saveScreenshot } from '../support/browser';
import { CloudinaryStandIn } from '../support/cloudinary-stand-in';
import { eventually } from '../support/eventually';
import { listenOnLoopback } from '../support/http-stand-in';
import { createTestApp, TestApp } from '../support/test-app';

/** A 1x1 transparent PNG, the attachment the page loads. */
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** What Vite builds, in miniature: index.html loading a hashed module script and stylesheet. */
function writeFixtureDist(): string {
  const dist = mkdtempSync(join(tmpdir(), 'parley-web-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(
    join(dist, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>loading</title>
<link rel="stylesheet" href="/assets/app-abc123.css">
<script type="module" src="/assets/app-abc123.js"></script></head>
<body><main><h1>Parley</h1><p id="route"></p></main></body></html>`,
  );
  // From a module script (what the CSP allows): the API over fetch and a socket over WebSocket, same origin.
  writeFileSync(
    join(dist, 'assets', 'app-abc123.js'),
    `const ws = new WebSocket(location.origin.replace(/^http/, 'ws') + '/socket.io/?EIO=4&transport=websocket');
const opened = new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = () => reject(new Error('socket')); });
const health = fetch('/api/v1/health/live').then((response) => response.status);
document.getElementById('route').textContent = location.pathname;
Promise.all([health, opened]).then(
  ([status]) => { document.title = 'ready ' + status + ' ' + location.pathname; ws.close(); },
  (error) => { document.title = 'failed ' + error.message; },
);
`,
  );
  writeFileSync(join(dist, 'assets', 'app-abc123.css'), 'body { font-family: sans-serif; color: #123; }\n');
  // A page that breaks the policy: its inline script and style attribute must not apply.
  writeFileSync(
    join(dist, 'inline.html'),
    `<!doctype html><html><head><title>untouched</title><script>document.title = 'inline ran';</script></head>
<body><p style="color: red">inline</p></body></html>`,
  );
  return dist;
}

/**
 * Waits until the fixture's script has run (it retitles the page), asking through the DevTools protocol:
 * `waitForFunction` would, when its first try fails, poll by evaluating in the page, which the CSP refuses.
 */
async function loaded(page: Page): Promise<void> {
  await eventually(async () => expect(await page.title()).not.toBe('loading'), 10_000);
}

describe('the web client served at / (WEB_DIST_DIR)', () => {
  let dist: string;
  let files: Server;
  let filesOrigin: string;
  let cloudinary: CloudinaryStandIn;
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    dist = writeFixtureDist();
    files = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'image/png' }).end(PIXEL));
    filesOrigin = await listenOnLoopback(files);
    cloudinary = await CloudinaryStandIn.start({ deliver: true });
    t = await createTestApp({
      ...cloudinary.env(),
      WEB_DIST_DIR: dist,
      ATTACHMENT_URL_PREFIXES: `${filesOrigin}/files/`,
      // The page's socket comes from the app's own origin.
      CORS_ORIGINS: '',
      BODY_LIMIT: '1kb',
    });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await cloudinary?.close();
    files?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('loads the client at / under its CSP: script, API and socket run, nothing is reported', async () => {
    const page = await browser.newPage();
    const problems = recordProblems(page);
    const response = await page.goto(`${t.url}/`);
    expect(response?.status()).toBe(200);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(new RegExp(`img-src 'self' data: blob: [^;]*${filesOrigin}`));
    await loaded(page);
    expect(await page.title()).toBe('ready 200 /');
    await saveScreenshot(page, 'static-serving-root');
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [] });
    await page.close();
  });

  it('answers a deep link with index.html, whose script sees the path (SPA fallback)', async () => {
    const page = await browser.newPage();
    const problems = recordProblems(page);
    const response = await page.goto(`${t.url}/c/66a1f0c2e4b0a1b2c3d4e5f6?highlight=3`);
    expect(response?.status()).toBe(200);
    await loaded(page);
    expect(await page.title()).toBe('ready 200 /c/66a1f0c2e4b0a1b2c3d4e5f6');
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [] });
    await page.close();

    for (const path of ['/verify-email?token=abc', '/reset-password?token=abc', '/login']) {
      const res = await t.http().get(path).expect(200);
      expect({ path, type: res.headers['content-type'] }).toEqual({
        path,
        type: expect.stringMatching(/^text\/html/),
      });
      expect(res.text).toContain('/assets/app-abc123.js');
    }
  });

  it('loads attachments from configured origins only, and applies no inline script or style', async () => {
    const page = await browser.newPage();
    const problems = recordProblems(page);
    await page.goto(`${t.url}/`);
    const load = (url: string) =>
      page.evaluate<string>(
        `new Promise((resolve) => {
          const image = new Image();
          image.onload = () => resolve('loaded');
          image.onerror = () => resolve('blocked');
          image.src = ${JSON.stringify(url)};
        })`,
      );
    expect(await load(`${filesOrigin}/files/a.png`)).toBe('loaded');
    // The same server under another name is another origin, not in ATTACHMENT_URL_PREFIXES.
    expect(await load(`${filesOrigin.replace('127.0.0.1', 'localhost')}/files/a.png`)).toBe('blocked');
    expect(problems.consoleErrors).toEqual([expect.stringContaining('Content Security Policy')]);

    const inline = await browser.newPage();
    const inlineProblems = recordProblems(inline);
    await inline.goto(`${t.url}/inline.html`);
    expect(await inline.title()).toBe('untouched');
    expect(await inline.evaluate<string>("getComputedStyle(document.querySelector('p')).color")).not.toBe(
      'rgb(255, 0, 0)',
    );
    expect(inlineProblems.consoleErrors).toEqual([
      expect.stringContaining('Content Security Policy'),
      expect.stringContaining('Content Security Policy'),
    ]);
    await Promise.all([page.close(), inline.close()]);
  });

  it('puts the Cloudinary stand-in, where uploads are delivered from, in the policy', async () => {
    const csp = (await t.http().get('/').expect(200)).headers['content-security-policy'];
    const mediaSrc = /media-src ([^;]*)/.exec(csp)?.[1]?.split(' ');
    expect(mediaSrc).toEqual(["'self'", 'blob:', filesOrigin, cloudinary.url]);
  });

  it('caches hashed assets for a year and makes index.html revalidate', async () => {
    const asset = await t.http().get('/assets/app-abc123.js').expect(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-type']).toMatch(/javascript/);
    for (const path of ['/', '/index.html', '/c/1']) {
      const res = await t.http().get(path).expect(200);
      expect({ path, cacheControl: res.headers['cache-control'] }).toEqual({
        path,
        cacheControl: 'no-cache',
      });
    }
  });

  it('keeps the API in its JSON error shape: unknown routes, body errors, missing assets', async () => {
    const unknown = await t.http().get('/api/v1/no-such-route').expect(404);
    expect(unknown.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', requestId: expect.any(String) });
    await t.http().get('/api').expect(404).expect('Content-Type', /json/);
    const tooLarge = await t
      .http()
      .post('/api/v1/health')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ padding: 'x'.repeat(4096) }))
      .expect(413);
    expect(tooLarge.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    await t.http().get('/assets/app-gone.js').expect(404).expect('Content-Type', /json/);
    const health = await t.http().get('/api/v1/health/live').expect(200).expect('Content-Type', /json/);
    expect(health.headers['content-security-policy']).toContain("default-src 'self'");
  });
});

describe('WEB_DIST_DIR without a built client', () => {
  it('serves no client and leaves the API working', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'parley-web-empty-'));
    const t = await createTestApp({ WEB_DIST_DIR: empty });
    try {
      await t.http().get('/').expect(404).expect('Content-Type', /json/);
      await t.http().get('/api/v1/health/live').expect(200);
    } finally {
      await t.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
