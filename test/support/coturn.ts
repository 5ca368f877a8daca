import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acceptsConnections, freePort } from './local-services';

export interface RunningCoturn {
  /** `turn:127.0.0.1:<port>`, for TURN_URLS. */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * Starts the real coturn (Debian's `turnserver`, which .ci/run installs) on loopback, checking credentials
 * with `secret` as docker-compose.yml's does (`use-auth-secret`). Unlike production it admits loopback
 * peers, since every peer of a test is on loopback.
 */
export async function startCoturn(secret: string): Promise<RunningCoturn> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-coturn-'));
  const port = await freePort();
  // A relay range of its own per run; collisions with another process only cost that allocation.
  const minPort = 50_000 + Math.floor(Math.random() * 150) * 100;
  const child = spawn(
    'turnserver',
    [
      '-n',
      '--log-file=stdout',
      '--listening-ip=127.0.0.1',
      '--relay-ip=127.0.0.1',
      `--listening-port=${port}`,
      `--min-port=${minPort}`,
      `--max-port=${minPort + 99}`,
      '--use-auth-secret',
      `--static-auth-secret=${secret}`,
      '--realm=parley.test',
      '--allow-loopback-peers',
      '--no-tls',
      '--no-dtls',
      '--no-cli',
      `--userdb=${join(dir, 'turndb')}`,
      `--pidfile=${join(dir, 'turnserver.pid')}`,
    ],
    { stdio: 'pipe' },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  await waitForPort(port, child, () => output);
  return {
    url: `turn:127.0.0.1:${port}`,
    port,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Whether coturn grants an allocation to `username`/`credential` and relays through it: coturn's own test
 * client, two allocations sending to each other (`-y`).
 */
export function relaysWith(coturn: RunningCoturn, username: string, credential: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(
      'turnutils_uclient',
      [
        '-p',
        String(coturn.port),
        '-u',
        username,
        '-w',
        credential,
        '-y',
        '-n',
        '3',
        '-m',
        '1',
        '-l',
        '100',
        '127.0.0.1',
      ],
      { timeout: 20_000 },
      (_error, stdout, stderr) => {
        const output = `${stdout}${stderr}`;
        resolve(!output.includes('Cannot complete Allocation') && /Total lost packets 0 /.test(output));
      },
    );
  });
}

async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`turnserver exited: ${output()}`);
    }
    if (await acceptsConnections(port)) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`turnserver did not listen on ${port}: ${output()}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
}
