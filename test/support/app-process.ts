import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import request from 'supertest';
import { freePort } from './local-services';
import { testEnv } from './test-app';

const root = resolve(__dirname, '../..');

export interface AppProcess {
  readonly url: string;
  readonly child: ChildProcess;
  http(): ReturnType<typeof request>;
  output(): string;
  /** Resolves with the exit code (or the signal's name). */
  exited(): Promise<number | string>;
}

/** Runs `src/main.ts` in a real Node process (transpiled on the fly), like `node dist/main.js`. */
export function spawnApp(env: Record<string, string>): AppProcess {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | string>((done) =>
    child.once('exit', (code, signal) => done(code ?? signal ?? -1)),
  );
  const url = `http://127.0.0.1:${env.PORT ?? ''}`;
  return { url, child, http: () => request(url), output: () => output, exited: () => exit };
}

/**
 * Transpiling `src` on the fly takes seconds, and far longer while other suites load the machine; a boot
 * that is merely slow must not fail a test, a boot that hangs must.
 */
export const APP_BOOT_TIMEOUT_MS = 90_000;

/** Starts the app on a free port against the test database and Redis, and waits until it is live. */
export async function startAppProcess(overrides: Record<string, string> = {}): Promise<AppProcess> {
  const port = String(await freePort());
  const app = spawnApp({ ...testEnv(), HOST: '127.0.0.1', PORT: port, LOG_LEVEL: 'warn', ...overrides });
  const deadline = Date.now() + APP_BOOT_TIMEOUT_MS;
  for (;;) {
    if (app.child.exitCode !== null) {
      throw new Error(`app exited early: ${app.output()}`);
    }
    try {
      if ((await fetch(`${app.url}/api/v1/health/live`)).ok) {
        return app;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      app.child.kill('SIGKILL');
      throw new Error(`app did not become live: ${app.output()}`);
    }
    await new Promise((done) => setTimeout(done, 200));
  }
}

/**
 * Starts `count` app processes sharing `overrides` (one database and Redis prefix: one cluster), all at once.
 * If any fails to boot, the others are stopped and the failure thrown.
 */
export async function startAppProcesses(
  count: number,
  overrides: Record<string, string>,
): Promise<AppProcess[]> {
  const started = await Promise.allSettled(Array.from({ length: count }, () => startAppProcess(overrides)));
  const apps = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) {
    await stopAppProcesses(apps);
    throw failed.reason;
  }
  return apps;
}

/** Stops every process still running (SIGTERM, so each drains as in production) and waits for its exit. */
export async function stopAppProcesses(apps: ReadonlyArray<AppProcess | undefined>): Promise<void> {
  for (const app of apps) {
    if (app && app.child.exitCode === null && app.child.signalCode === null) {
      app.child.kill('SIGTERM');
      await app.exited();
    }
  }
}
