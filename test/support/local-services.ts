/**
 * Starts the local stand-ins Parley needs when no MONGODB_URI / REDIS_URL is given: an embedded FerretDB
 * (MongoDB wire protocol over SQLite, built from ./ferretdb) and a private redis-server. Used by the jest
 * global setup, by fault tests that need their own Redis, and by `npm run dev`.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const FERRETDB_SOURCE = resolve(__dirname, 'ferretdb');
const CACHE_DIR = resolve(__dirname, '../../node_modules/.cache/parley');
const READY_TIMEOUT_MS = 30_000;

export interface RunningService {
  readonly url: string;
  readonly port: number;
  /** The process id while it runs (the benchmark watches its CPU). */
  pid(): number | undefined;
  stop(): Promise<void>;
}

export interface RunningRedis extends RunningService {
  /** Starts redis-server again on the same port after `stop()` (for outage tests). */
  restart(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Whether something accepts TCP connections on this loopback port now. */
export function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((answer) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.end();
      answer(true);
    });
    socket.on('error', () => answer(false));
  });
}

/** Builds the FerretDB launcher once per source version (every Go file); later calls reuse the cached binary. */
export function buildFerretDb(): string {
  const hash = createHash('sha256');
  const sources = readdirSync(FERRETDB_SOURCE).filter((file) => /^go\.(mod|sum)$|\.go$/.test(file));
  for (const file of sources.sort()) {
    hash.update(readFileSync(join(FERRETDB_SOURCE, file)));
  }
  const binary = join(CACHE_DIR, `ferretdb-${hash.digest('hex').slice(0, 12)}`);
  if (!existsSync(binary)) {
    mkdirSync(CACHE_DIR, { recursive: true });
    execFileSync('go', ['build', '-o', binary, '.'], {
      cwd: FERRETDB_SOURCE,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  }
  return binary;
}

function waitForOutput(child: ChildProcess, pattern: RegExp, what: string): Promise<void> {
  return new Promise((resolveReady, reject) => {
    let output = '';
    const timer = setTimeout(
      () => fail(new Error(`${what} did not start within ${READY_TIMEOUT_MS} ms:\n${output}`)),
      READY_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) {
        cleanup();
        resolveReady();
      }
    };
    const onExit = (code: number | null) =>
      fail(new Error(`${what} exited with ${code} before it was ready:\n${output}`));
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      child.stdout?.resume();
      child.stderr?.resume();
    };
    const fail = (error: Error) => {
      cleanup();
      reject(error);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}

export interface FerretDbOptions {
  /** Store in this PostgreSQL database instead of SQLite (PostgreSQL commits concurrent writers together). */
  postgresqlUrl?: string;
  /**
   * SQLite's `synchronous`: `normal` (default) commits without an fsync, since the data directory is deleted
   * on stop; `full` fsyncs every commit (the benchmark's `BENCH_SQLITE_SYNCHRONOUS=full`).
   */
  synchronous?: 'normal' | 'full';
}

/** FerretDB on SQLite in a fresh temporary directory, or on PostgreSQL. */
export async function startFerretDb(options: FerretDbOptions = {}): Promise<RunningService> {
  const binary = buildFerretDb();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-ferretdb-'));
  const storage = options.postgresqlUrl
    ? ['-postgresql-url', options.postgresqlUrl]
    : ['-dir', dataDir, '-synchronous', options.synchronous ?? 'normal'];
  const child = spawn(binary, ['-listen', `127.0.0.1:${port}`, ...storage], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await waitForOutput(child, /ferretdb ready/, 'FerretDB');
  return {
    url: `mongodb://127.0.0.1:${port}`,
    port,
    pid: () => child.pid,
    stop: async () => {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function spawnRedis(port: number): ChildProcess {
  // Nothing is persisted: each run starts empty. noeviction matches what BullMQ requires in production.
  return spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--maxmemory-policy',
      'noeviction',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

export async function startRedis(): Promise<RunningRedis> {
  const port = await freePort();
  let child = spawnRedis(port);
  await waitForOutput(child, /Ready to accept connections/, 'redis-server');
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: () => child.pid,
    stop: () => stopChild(child),
    restart: async () => {
      await stopChild(child);
      child = spawnRedis(port);
      await waitForOutput(child, /Ready to accept connections/, 'redis-server');
    },
  };
}
