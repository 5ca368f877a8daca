/** The servers under test: Parley (one or two instances) and the two bare relays, started the same way. */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateVAPIDKeys } from 'web-push';
import { freePort } from '../test/support/local-services';
import { Managed, startBaseline, startServer } from './processes';
import { ConversationSpec } from './protocol';
import { BUILD_DIR, ROOT } from './root';
import { SeededUser } from './seed';
import { ServerRuntime } from './server-runtime';

export interface Target {
  name: string;
  servers: Managed[];
  urls: string[];
  tokenFor(user: SeededUser, rooms: ConversationSpec[]): string;
  stop(): Promise<void>;
}

export interface Backing {
  mongoUri: string;
  redisUrl: string;
}

/** `--profile`: each Parley process writes a V8 CPU profile (open it in Chrome DevTools) when it exits. */
const PROFILE = process.argv.includes('--profile')
  ? ['--cpu-prof', '--cpu-prof-dir=bench/results/profiles']
  : [];
/**
 * `BENCH_SERVER_NODE_FLAGS`: Node and V8 flags for every Parley process, for ad-hoc probes of flags that
 * `NODE_OPTIONS` refuses (most V8 flags, e.g. `--single-threaded-gc`); never set by the harness itself.
 */
export const EXTRA_FLAGS = (process.env.BENCH_SERVER_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);

/** The commit whose server is measured: `BENCH_COMMIT=<rev>` (before/after comparisons), else `HEAD`. */
export function measuredCommit(): string {
  return execFileSync('git', ['rev-parse', process.env.BENCH_COMMIT ?? 'HEAD'], {
    cwd: ROOT,
    encoding: 'utf8',
  }).trim();
}

/**
 * Production build of Parley, with the compiler settings `nest build` uses, from `commit` (a `git archive`
 * snapshot of `measuredCommit()`, so the figures belong to a commit and half-written files in a shared work
 * tree cannot break the run) into a private folder, reused while the commit stays the same. Returns `commit`.
 */
export function buildParley(commit: string): string {
  // The build of a commit never changes: a run of the commit built last reuses it.
  const marker = join(ROOT, BUILD_DIR, '.commit');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === commit) {
    return commit;
  }
  const snapshot = join(ROOT, 'node_modules/.cache/parley-bench/src');
  rmSync(snapshot, { recursive: true, force: true });
  mkdirSync(snapshot, { recursive: true });
  execFileSync(
    'bash',
    ['-c', `git archive ${commit} src tsconfig.json tsconfig.build.json | tar -x -C ${snapshot}`],
    {
      cwd: ROOT,
    },
  );
  // Incremental: the build info keeps what an earlier commit's build checked, so only changed files cost.
  execFileSync(
    process.execPath,
    [
      require.resolve('typescript/bin/tsc'),
      '-p',
      join(snapshot, 'tsconfig.build.json'),
      '--outDir',
      join(ROOT, BUILD_DIR),
      '--incremental',
      '--tsBuildInfoFile',
      join(ROOT, BUILD_DIR, '.tsbuildinfo'),
    ],
    { cwd: ROOT, stdio: 'inherit' },
  );
  writeFileSync(marker, commit);
  return commit;
}

/** One environment per run: production mode, its own database and Redis prefix, limits raised for load. */
export function parleyEnv(backing: Backing, runId: string): NodeJS.ProcessEnv {
  const uri = new URL(backing.mongoUri);
  uri.pathname = `/parley_bench_${runId}`;
  return {
    PATH: process.env.PATH,
    // For ad-hoc probes, e.g. a preload that traces database commands: never set by the harness itself.
    ...(process.env.BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS } : {}),
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    MONGODB_URI: uri.toString(),
    REDIS_URL: backing.redisUrl,
    REDIS_KEY_PREFIX: `bench${runId}`,
    JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
    JWT_ACCESS_TTL_SECONDS: '86400',
    MESSAGE_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    // Required in production since search (issue #32); an older commit ignores it.
    SEARCH_INDEX_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    // Per-user and per-IP abuse limits would throttle a generator and seeder that speak for 1,000 users from one IP.
    SOCKET_HANDSHAKES_PER_MINUTE: '1000000',
    SOCKET_EVENTS_PER_SECOND: '1000000',
    SOCKET_MESSAGES_PER_MINUTE: '1000000',
    RATE_LIMIT_PER_MINUTE: '1000000',
    AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
    FLOOD_MAX_CONVERSATIONS: '1000000',
    EMAIL_VERIFY_ON_REGISTER: 'false', // no SMTP server in the bench
    ...webPushEnv(),
  };
}

/**
 * `BENCH_WEB_PUSH=1`: Web Push on (fresh VAPID keys, no subscriptions), so a message some recipient did not
 * get live costs its push job. Off by default: no push service is reachable here.
 */
function webPushEnv(): NodeJS.ProcessEnv {
  if (process.env.BENCH_WEB_PUSH !== '1') {
    return {};
  }
  const { publicKey, privateKey } = generateVAPIDKeys();
  return {
    WEB_PUSH_VAPID_PUBLIC_KEY: publicKey,
    WEB_PUSH_VAPID_PRIVATE_KEY: privateKey,
    WEB_PUSH_SUBJECT: 'mailto:bench@parley.invalid',
  };
}

function relayDb(backing: Backing): string {
  const uri = new URL(backing.mongoUri);
  uri.pathname = `/storing_relay_${Date.now()}`;
  return uri.toString();
}

export async function startParley(
  env: NodeJS.ProcessEnv,
  instances: number,
  runtime: ServerRuntime,
): Promise<Target> {
  const servers: Managed[] = [];
  const urls: string[] = [];
  for (let i = 0; i < instances; i += 1) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    servers.push(
      await startServer(
        runtime,
        [...PROFILE, ...EXTRA_FLAGS, `${BUILD_DIR}/main.js`],
        { ...env, PORT: String(port) },
        async () => (await fetch(`${url}/api/v1/health/live`)).ok,
      ),
    );
    urls.push(url);
  }
  return {
    name: instances === 1 ? 'parley' : `parley x${instances} (redis adapter)`,
    servers,
    urls,
    tokenFor: (user) => user.token,
    stop: async () => {
      await Promise.all(servers.map((server) => server.stop()));
    },
  };
}

const RELAY_NAMES = {
  'socketio-relay': 'bare socket.io relay',
  'ws-relay': 'bare ws relay',
  'storing-relay': 'storing socket.io relay',
};

/**
 * A baseline relay, on the image's runtime; the storing relay needs `backing` and stores into a
 * database of its own there.
 */
export async function startRelay(
  kind: keyof typeof RELAY_NAMES,
  runtime: ServerRuntime,
  backing?: Backing,
): Promise<Target> {
  const port = await freePort();
  const server = await startBaseline(
    kind,
    port,
    runtime,
    backing ? { STORING_RELAY_MONGODB_URI: relayDb(backing) } : {},
  );
  return {
    name: RELAY_NAMES[kind],
    servers: [server],
    urls: [`http://127.0.0.1:${port}`],
    tokenFor: (user, rooms) =>
      `${user.userId}:${rooms
        .filter((r) => r.memberIds.includes(user.userId))
        .map((r) => r.id)
        .join(',')}`,
    stop: () => server.stop(),
  };
}
