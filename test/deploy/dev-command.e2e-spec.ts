import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { eventually } from '../support/eventually';
import { acceptsConnections, freePort } from '../support/local-services';

const ROOT = resolve(__dirname, '../..');

describe('npm run dev (the README’s first command)', () => {
  it('serves a healthy API and the web client at /, and stops with its database, Redis, media store and client build when npm is told to stop', async () => {
    const port = await freePort();
    // As from a developer's shell: no test settings. MONGODB_URI / REDIS_URL pass through when set (CI);
    // without them dev starts its own FerretDB and redis-server, which must not outlive it.
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port) };
    delete env.NODE_ENV;
    delete env.JWT_ACCESS_SECRET;
    const npm = spawn('npm', ['run', 'dev'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await eventually(
        async () => {
          const response = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
          expect(response.status).toBe(200);
        },
        90_000,
        500,
      );
      // The web client it builds (vite build --watch) is served at / before the server starts.
      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      const started = [...output.matchAll(/\[dev\] .* at \w+:\/\/127\.0\.0\.1:(\d+)/g)].map((m) =>
        Number(m[1]),
      );
      // FerretDB and redis-server unless given, and the Cloudinary stand-in unless CLOUDINARY_URL is set.
      expect(started).toHaveLength((process.env.MONGODB_URI ? 0 : 2) + (process.env.CLOUDINARY_URL ? 0 : 1));
      if (!process.env.CLOUDINARY_URL) {
        expect(output).toMatch(/\[dev\] CLOUDINARY_URL not set: uploads go to a local Cloudinary stand-in/);
      }

      // A process manager's SIGTERM ends npm and its shell, which do not pass it on to dev itself.
      npm.kill('SIGTERM');
      await eventually(
        async () =>
          expect(await Promise.all([port, ...started].map(acceptsConnections))).toEqual(
            [port, ...started].map(() => false),
          ),
        30_000,
        250,
      );
    } finally {
      npm.kill('SIGKILL');
      // What a failed stop leaves running still holds these pipes; the test run must not wait for it.
      npm.stdout.destroy();
      npm.stderr.destroy();
    }
  }, 150_000);
});
