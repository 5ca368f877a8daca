/**
 * `npm run dev`: runs Parley in watch mode, and rebuilds the web client it serves at / (`vite build --watch`)
 * as its sources change. Without MONGODB_URI / REDIS_URL it starts a local FerretDB and redis-server for the
 * session (the same ones the tests use) and stops them on exit; without CLOUDINARY_URL it serves uploads from
 * the local Cloudinary stand-in the tests use (signed, expiring delivery URLs included; files kept in memory).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CloudinaryStandIn } from '../test/support/cloudinary-stand-in';
import { RunningService, startFerretDb, startRedis } from '../test/support/local-services';

async function main(): Promise<void> {
  const envFile = resolve(__dirname, '../.env');
  if (existsSync(envFile)) {
    process.loadEnvFile(envFile);
    console.log('[dev] loaded .env');
  }
  const services: Array<Pick<RunningService, 'stop'>> = [];
  if (!process.env.MONGODB_URI) {
    console.log('[dev] MONGODB_URI not set: building and starting a local FerretDB (SQLite) ...');
    const ferret = await startFerretDb();
    services.push(ferret);
    process.env.MONGODB_URI = `${ferret.url}/parley`;
    console.log(`[dev] local FerretDB at ${process.env.MONGODB_URI} (data is discarded on exit)`);
  }
  if (!process.env.REDIS_URL) {
    const redis = await startRedis();
    services.push(redis);
    process.env.REDIS_URL = redis.url;
    console.log(`[dev] REDIS_URL not set: started a local redis-server at ${redis.url}`);
  }
  if (!process.env.CLOUDINARY_URL) {
    const media = await CloudinaryStandIn.start({ deliver: true });
    services.push({ stop: () => media.close() });
    Object.assign(process.env, media.env());
    console.log(
      `[dev] CLOUDINARY_URL not set: uploads go to a local Cloudinary stand-in at ${media.url} (files are discarded on exit)`,
    );
  }
  if (!process.env.JWT_ACCESS_SECRET) {
    process.env.JWT_ACCESS_SECRET = randomBytes(32).toString('base64url');
    console.log('[dev] JWT_ACCESS_SECRET not set: using a random one (tokens end when dev stops)');
  }

  // An empty WEB_DIST_DIR serves no client, so there is nothing to build.
  const web = process.env.WEB_DIST_DIR === '' ? undefined : startWebBuild();
  let app: ChildProcess | undefined = undefined; // started once the first web build is in
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) {
      return;
    }
    stopping = true;
    await Promise.all([stopGroup(app?.pid), stopGroup(web?.pid)]);
    await Promise.all(services.map((service) => service.stop()));
    console.log('[dev] local services stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  // A SIGTERM to `npm run dev` alone (a process manager, `timeout`) ends npm and its shell without passing
  // it on; this process is then adopted by another parent, and stops rather than leave its services behind.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) {
      void stop(0);
    }
  }, 1000).unref();

  if (web) {
    // The server looks for the client's index.html once, at boot.
    await firstBuild(web);
  }
  if (stopping) {
    return;
  }
  // In a process group of its own: npx, the Nest CLI, its compiler and the server pass no signal down, so
  // stopping signals the whole group (the server shuts down gracefully) and waits until it is gone.
  app = spawn('npx', ['nest', 'start', '--watch'], {
    stdio: ['ignore', 'inherit', 'inherit'], // a background group must not read the terminal
    env: process.env,
    detached: true,
  });
  app.on('exit', (code) => void stop(code ?? 0));
}

/** `vite build --watch` of the web workspace into web/dist, in a process group of its own like the server. */
function startWebBuild(): ChildProcess {
  console.log('[dev] building the web client into web/dist, and again on every change ...');
  const web = spawn('npm', ['run', 'build:watch', '-w', '@parley/web'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: process.env,
    detached: true,
  });
  web.stdout?.pipe(process.stdout);
  web.stderr?.pipe(process.stderr);
  web.on('exit', (code, signal) => console.log(`[dev] the web client build stopped (${signal ?? code})`));
  return web;
}

/** Resolves once Vite reports its first build, done (stdout) or failed (stderr; it keeps watching), or has gone. */
function firstBuild(web: ChildProcess, timeoutMs = 120_000): Promise<void> {
  return new Promise((resolveBuild) => {
    let output = '';
    const done = () => {
      clearTimeout(timer);
      web.stdout?.off('data', onData);
      web.stderr?.off('data', onData);
      resolveBuild();
    };
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-1000);
      if (/built in \d|build failed/i.test(output)) {
        done();
      }
    };
    const timer = setTimeout(done, timeoutMs);
    web.stdout?.on('data', onData);
    web.stderr?.on('data', onData);
    web.once('exit', done);
  });
}

/** SIGTERM to a process group, then SIGKILL to whatever of it is left after 10 s. */
async function stopGroup(leader: number | undefined): Promise<void> {
  if (leader === undefined) {
    return;
  }
  const signal = (name: NodeJS.Signals | 0) => {
    try {
      process.kill(-leader, name);
      return true;
    } catch {
      return false; // the group is gone
    }
  };
  signal('SIGTERM');
  for (let waited = 0; signal(0) && waited < 10_000; waited += 100) {
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
  signal('SIGKILL');
}

main().catch((error: unknown) => {
  console.error('[dev] failed to start:', error);
  process.exit(1);
});
