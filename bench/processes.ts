/**
 * Child processes of the benchmark: servers pinned to core 0 with the event-loop probe preloaded, generators
 * pinned to core 1, both over an IPC channel. CPU time is read from /proc/<pid>/stat (taskset execs node, so
 * the pid is the server's own).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { GeneratorCommand, IpcEnvelope } from './protocol';
import { ROOT } from './root';
import type { ServerRuntime } from './server-runtime';

const TRANSPILE = ['-r', 'ts-node/register/transpile-only'];
const CLOCK_TICKS_PER_SEC = 100;
export const SERVER_CORE = '0';
export const GENERATOR_CORE = '1';

export interface ProbeStats {
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  rssBytes: number;
  heapUsedBytes: number;
  newSpaceBytes: number;
}

/** CPU (user + system) of a process in microseconds so far; 0 once it is gone. */
export function cpuMicrosOf(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS_PER_SEC;
  } catch {
    return 0;
  }
}

export class Managed {
  private output = '';
  private stopping = false;
  private nextRequestId = 0;
  private readonly waiters = new Map<number, (reply: unknown) => void>();

  constructor(readonly child: ChildProcess) {
    child.stdout?.on(
      'data',
      (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-20_000)),
    );
    child.stderr?.on(
      'data',
      (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-20_000)),
    );
    child.on('message', (message: IpcEnvelope) => this.waiters.get(message.id)?.(message.body));
    // A server that dies mid-run would otherwise leave only the IPC error: say how it ended and what it said.
    child.on('exit', (code, signal) => {
      if (!this.stopping) {
        console.error(
          `process ${child.pid} exited (code ${code}, signal ${signal}); its last output:\n${this.output}`,
        );
      }
    });
  }

  logs(): string {
    return this.output;
  }

  /**
   * One request, one reply, matched by id: a reply that comes after its request timed out is dropped
   * rather than taken as the answer to a later request.
   */
  request<T>(message: unknown, timeoutMs = 600_000): Promise<T> {
    const id = ++this.nextRequestId;
    return new Promise<T>((resolveReply, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(id);
        reject(new Error(`no reply to ${JSON.stringify(message).slice(0, 80)}`));
      }, timeoutMs);
      this.waiters.set(id, (reply) => {
        clearTimeout(timer);
        this.waiters.delete(id);
        resolveReply(reply as T);
      });
      // Without a callback a send to a dead child is an 'error' event nobody handles, which would end the
      // harness before it stops the database and Redis it started.
      this.child.send({ id, body: message } satisfies IpcEnvelope, (error) => {
        if (error) {
          clearTimeout(timer);
          this.waiters.delete(id);
          reject(error);
        }
      });
    });
  }

  /** Server CPU (user + system) in microseconds so far. */
  cpuMicros(): number {
    return cpuMicrosOf(this.child.pid);
  }

  async probe(): Promise<ProbeStats> {
    return this.request<ProbeStats>('stats');
  }

  async resetProbe(): Promise<void> {
    await this.request('reset');
  }

  stop(): Promise<void> {
    this.stopping = true;
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      return Promise.resolve();
    }
    return new Promise((done) => {
      const force = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      this.child.once('exit', () => {
        clearTimeout(force);
        done();
      });
      this.child.kill('SIGTERM');
    });
  }
}

function pinned(core: string, node: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  // A raised descriptor limit for the connection scenario; 20,000 is this machine's hard limit.
  const command = `ulimit -n $(ulimit -Hn) && exec taskset -c ${core} "$@"`;
  return spawn('bash', ['-c', command, 'bench', node, ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
}

/** Starts a server script on `runtime` with the probe and waits until `ready()` says it serves. */
export async function startServer(
  runtime: ServerRuntime,
  script: string[],
  env: NodeJS.ProcessEnv,
  ready: () => Promise<boolean>,
): Promise<Managed> {
  const server = new Managed(
    pinned(
      SERVER_CORE,
      runtime.node,
      [...runtime.flags, '--expose-gc', '-r', './bench/server-probe.js', ...script],
      env,
    ),
  );
  const deadline = Date.now() + 60_000;
  while (!(await ready().catch(() => false))) {
    if (server.child.exitCode !== null || Date.now() > deadline) {
      await server.stop();
      throw new Error(`server ${script.join(' ')} did not start:\n${server.logs()}`);
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  return server;
}

/** A harness script on the servers' runtime and core, talking over IPC (the search scenario's seeder). */
export function startServerSide(runtime: ServerRuntime, script: string, env: NodeJS.ProcessEnv): Managed {
  return new Managed(pinned(SERVER_CORE, runtime.node, [...runtime.flags, ...TRANSPILE, script], env));
}

export function startBaseline(
  name: string,
  port: number,
  runtime: ServerRuntime,
  env: NodeJS.ProcessEnv = {},
): Promise<Managed> {
  return startServer(
    runtime,
    [...TRANSPILE, `bench/baselines/${name}.ts`, String(port)],
    { ...process.env, ...env },
    () => listening(port),
  );
}

function listening(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('error', () => done(false));
  });
}

export class Generator {
  private constructor(private readonly process: Managed) {}

  static start(): Generator {
    return new Generator(
      new Managed(
        pinned(GENERATOR_CORE, process.execPath, [...TRANSPILE, 'bench/generator.ts'], process.env),
      ),
    );
  }

  async run<T>(command: GeneratorCommand): Promise<T> {
    const reply = await this.process.request<{ ok: boolean; result: T; error?: string }>(command);
    if (!reply.ok) {
      throw new Error(`generator failed: ${reply.error}`);
    }
    return reply.result;
  }

  stop(): Promise<void> {
    return this.process.stop();
  }
}
