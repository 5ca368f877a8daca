/**
 * `npm run bench [-- --quick] [-- --baselines-only | --parley-only]`: builds Parley for production, starts its database and
 * Redis (or uses MONGODB_URI / REDIS_URL), runs every scenario against Parley and the bare relays (the storing relay: scenarios 1 and 2), and
 * writes bench/results/<timestamp>.{json,md,svg}. Exits non-zero when any message is unaccounted for.
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { RunningService, startFerretDb, startRedis } from '../test/support/local-services';
import { catchUpAndRest, reconnectStorm, STORM_RATE } from './parley-scenarios';
import { Generator } from './processes';
import { ConversationSpec } from './protocol';
import { RunResults, writeResults } from './report';
import { ROOT } from './root';
import {
  backingProcesses,
  clientsFor,
  connections,
  fanOut,
  isClean,
  KNEE,
  SteadyState,
  StepResult,
  steadyState,
} from './scenarios';
import { searchScenario } from './search-scenario';
import { bigGroup, chatTopology, registerUsers, SeededUser } from './seed';
import { imageRuntime, ServerRuntime } from './server-runtime';
import {
  Backing,
  buildParley,
  EXTRA_FLAGS,
  measuredCommit,
  parleyEnv,
  startParley,
  startRelay,
  Target,
} from './targets';

const quick = process.argv.includes('--quick');
const baselinesOnly = process.argv.includes('--baselines-only');
const parleyOnly = process.argv.includes('--parley-only');
const argValue = (name: string) =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
// `--only=1,4`: just these scenarios (docs/performance.md#what-it-measures; `storm`, 5 and 6 run together).
const only = argValue('only')?.split(',');
const runs = (...scenarios: string[]) => !only || scenarios.some((name) => only.includes(name));
const DEFAULT_PLAN = quick
  ? { users: 100, rates: [25, 100, 250], stepMs: 1500, socketsPerUser: 2, fanOutMs: 1500, restMs: 1000 }
  : {
      users: 1000,
      rates: [25, 50, 100, 250, 500, 1000, 2000, 4000, 6000],
      stepMs: 10_000,
      socketsPerUser: 9,
      fanOutMs: 10_000,
      restMs: 12_000,
    };
// `--rates=200,400` and `--step-ms=10000` replace the plan's steady-state steps (for profiling one load).
const PLAN = {
  ...DEFAULT_PLAN,
  rates: argValue('rates')?.split(',').map(Number) ?? DEFAULT_PLAN.rates,
  stepMs: Number(argValue('step-ms') ?? DEFAULT_PLAN.stepMs),
};

const startedAt = new Date().toISOString();
const progress = (line: string) =>
  process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);

async function backing(stack: RunningService[], results: RunResults): Promise<Backing> {
  if (process.env.MONGODB_URI && process.env.REDIS_URL) {
    results.database = 'the database at MONGODB_URI';
    return { mongoUri: process.env.MONGODB_URI, redisUrl: process.env.REDIS_URL };
  }
  // BENCH_POSTGRESQL_URL: FerretDB stores in that PostgreSQL database instead of SQLite.
  // BENCH_SQLITE_SYNCHRONOUS=full: SQLite fsyncs every commit (the default, normal, leaves that to checkpoints).
  const postgresqlUrl = process.env.BENCH_POSTGRESQL_URL;
  const synchronous = process.env.BENCH_SQLITE_SYNCHRONOUS === 'full' ? 'full' : 'normal';
  results.database = postgresqlUrl
    ? 'FerretDB on PostgreSQL'
    : `FerretDB on SQLite (synchronous=${synchronous}: ${synchronous === 'full' ? 'an fsync per commit' : 'commits not fsynced'})`;
  const [mongo, redis] = await Promise.all([startFerretDb({ postgresqlUrl, synchronous }), startRedis()]);
  stack.push(mongo, redis);
  backingProcesses.database = mongo.pid;
  backingProcesses.redis = redis.pid;
  return { mongoUri: mongo.url, redisUrl: redis.url };
}

/** Baselines use the same user ids and rooms as Parley, so the traffic is identical. */
function syntheticUsers(count: number): SeededUser[] {
  return Array.from({ length: count }, (_, i) => ({ userId: `u${i}`, token: '', email: '' }));
}

/** The same shape as `chatTopology` (seed.ts) with made-up ids, for the relays. */
function syntheticRooms(users: SeededUser[]): ConversationSpec[] {
  const groups: ConversationSpec[] = [];
  for (let i = 0; i + 10 <= users.length; i += 10) {
    groups.push({ id: `g${i / 10}`, memberIds: users.slice(i, i + 10).map((u) => u.userId) });
  }
  const half = Math.floor(users.length / 2);
  const directs = users
    .slice(0, half)
    .map((u, i) => ({ id: `d${i}`, memberIds: [u.userId, users[i + half].userId] }));
  return directs.flatMap((direct, j) => [groups[j % groups.length], direct]);
}

/** A scenario that throws is recorded as a failure and the run goes on with the next one. */
async function attempt(
  results: RunResults,
  generator: Generator,
  name: string,
  scenario: () => Promise<void>,
): Promise<void> {
  try {
    await scenario();
    // Written after every scenario, so an interrupted run still leaves what it measured.
    writeResults(join(ROOT, 'bench/results'), results);
  } catch (error) {
    results.failures.push(`${name}: ${(error as Error).message}`);
    progress(`  FAILED ${name}: ${(error as Error).message}`);
    await generator.run({ cmd: 'disconnect' });
  }
}

/** Runs a scenario picked by `--only` (all without it), with its progress line. */
async function scenario(
  ids: string[],
  title: string | undefined,
  ...args: Parameters<typeof attempt>
): Promise<void> {
  if (runs(...ids)) {
    if (title) {
      progress(title);
    }
    await attempt(...args);
  }
}

/** The latency targets are Parley's; the relays are yardsticks for its knee. */
const isParley = (target: Target) => target.name.startsWith('parley');

function recordSteadyState(results: RunResults, name: string, { steps, halfKnee }: SteadyState): void {
  results.steady[name] = steps;
  if (halfKnee) {
    results.halfKnee[name] = halfKnee;
  }
}

async function runTarget(
  target: Target,
  generator: Generator,
  users: SeededUser[],
  results: RunResults,
  bigRoom: ConversationSpec,
  rooms: ConversationSpec[],
  scenarios: readonly string[] = ['1', '2', '3'],
) {
  await scenario(
    ['1'],
    `scenario 1 (chat steady state): ${target.name}`,
    results,
    generator,
    `${target.name} steady state`,
    async () => {
      const clients = clientsFor(target, users, [...rooms, bigRoom]);
      recordSteadyState(
        results,
        target.name,
        await steadyState(
          target,
          generator,
          clients,
          rooms,
          { rates: PLAN.rates, durationMs: PLAN.stepMs, halfKnee: isParley(target) },
          progress,
        ),
      );
    },
  );
  if (!scenarios.includes('2')) {
    return;
  }
  await scenario(
    ['2'],
    `scenario 2 (group fan-out): ${target.name}`,
    results,
    generator,
    `${target.name} fan-out`,
    async () => {
      const half = users
        .filter((u) => bigRoom.memberIds.includes(u.userId))
        .slice(0, Math.ceil(bigRoom.memberIds.length / 2));
      results.fanOut[target.name] = await fanOut(
        target,
        generator,
        clientsFor(target, half, [bigRoom]),
        bigRoom,
        PLAN.fanOutMs,
      );
      progress(`  deliver p99 ${results.fanOut[target.name].deliver.p99} ms`);
    },
  );
  if (!scenarios.includes('3')) {
    return;
  }
  await scenario(
    ['3'],
    `scenario 3 (connections): ${target.name}`,
    results,
    generator,
    `${target.name} connections`,
    async () => {
      const clients = clientsFor(target, users, [...rooms, bigRoom], PLAN.socketsPerUser);
      const c = (results.connections[target.name] = await connections(
        target,
        generator,
        clients,
        PLAN.restMs,
      ));
      progress(
        `  ${c.connected} sockets in ${c.elapsedMs} ms, ${c.rssPerSocketKB} KB RSS (young generation change ${c.youngGenerationChangePerSocketKB} KB; ${c.heapPerSocketKB} KB heap) each, ${c.failed} failed`,
      );
    },
  );
}

function unaccounted(name: string, step: StepResult): string {
  return (
    `${name} at ${step.offeredRate}/s: ${step.lostAcks} acks and ${step.lostDeliveries} deliveries lost, ` +
    `${step.errorAcks} error acks (${step.firstErrorAck ?? '-'}), ${step.duplicates} duplicated`
  );
}

/** Every server started, so a scenario that throws cannot leave one running after the harness exits. */
const running: Target[] = [];

function started(target: Target): Target {
  running.push(target);
  return target;
}

function syntheticTraffic() {
  const users = syntheticUsers(PLAN.users);
  const rooms = syntheticRooms(users);
  const bigRoom = { id: 'fanout', memberIds: users.slice(0, 1000).map((u) => u.userId) };
  return { users, rooms, bigRoom };
}

async function runBaselines(
  generator: Generator,
  results: RunResults,
  runtime: ServerRuntime,
): Promise<void> {
  const { users, rooms, bigRoom } = syntheticTraffic();
  for (const kind of ['socketio-relay', 'ws-relay'] as const) {
    const relay = started(await startRelay(kind, runtime));
    await runTarget(relay, generator, users, results, bigRoom, rooms);
    await relay.stop();
  }
}

/**
 * The Socket.IO relay storing each message first: what the database alone allows. Its connections are the
 * bare relay's; the quick run, pressed for time, skips its fan-out too.
 */
async function runStoringRelay(
  generator: Generator,
  results: RunResults,
  backed: Backing,
  runtime: ServerRuntime,
): Promise<void> {
  const { users, rooms, bigRoom } = syntheticTraffic();
  const relay = started(await startRelay('storing-relay', runtime, backed));
  await runTarget(relay, generator, users, results, bigRoom, rooms, quick ? ['1'] : ['1', '2']);
  await relay.stop();
}

async function main(): Promise<void> {
  const stack: RunningService[] = [];
  const generator = Generator.start();
  const commit = measuredCommit();
  const runtime = imageRuntime(commit);
  const results: RunResults = {
    startedAt,
    mode: quick ? 'quick' : 'full',
    machine: { cpus: cpus().length, node: process.version },
    server: { node: runtime.version, flags: runtime.flags, parleyProbeFlags: EXTRA_FLAGS },
    users: PLAN.users,
    steady: {},
    halfKnee: {},
    fanOut: {},
    connections: {},
    extra: {},
    failures: [],
  };
  try {
    // The relays first: they take a minute, and their figures are the yardstick for everything after.
    if (!parleyOnly) {
      await runBaselines(generator, results, runtime);
    }
    if (!baselinesOnly) {
      progress('building Parley (production)');
      results.commit = buildParley(commit);
      const backed = await backing(stack, results);
      if (!parleyOnly) {
        await runStoringRelay(generator, results, backed, runtime);
      }
      const env = parleyEnv(backed, startedAt.replace(/\D/g, '').slice(0, 14));
      const parley = started(await startParley(env, 1, runtime));
      progress(`seeding ${PLAN.users} users through POST /auth/register (8 at a time)`);
      const seedStart = Date.now();
      const users = await registerUsers(parley.urls[0], PLAN.users);
      results.seeding = {
        users: users.length,
        seconds: Math.round((Date.now() - seedStart) / 1000),
        method: 'POST /auth/register, 8 concurrent, tokens reused',
      };
      // The search scenario alone needs only the users (the full run's topology takes minutes to create).
      const chat = runs('storm', '1', '2', '3', '4', '5', '6');
      const rooms = chat ? await chatTopology(parley.urls[0], users) : [];
      const bigRoom = chat ? await bigGroup(parley.urls[0], users.slice(0, 1000)) : { id: '', memberIds: [] };
      await scenario(
        ['storm', '5', '6'],
        `reconnect storm at ${STORM_RATE} msg/s: every socket drops mid-step and reconnects; misses must come back through /sync`,
        results,
        generator,
        'parley reconnect storm',
        async () => {
          const storm = await reconnectStorm(parley, generator, users, rooms, quick);
          progress(
            `  lost ${storm.lostAcks + storm.lostDeliveries}, duplicated ${storm.duplicates}, resent ${storm.resentAfterReconnect}, recovered by /sync ${storm.recoveredBySync}`,
          );
          results.extra.reconnectStorm = storm;
          if (!storm.clean) {
            results.failures.push(unaccounted('parley reconnect storm', storm));
          }
        },
      );
      await runTarget(parley, generator, users, results, bigRoom, rooms);
      await scenario(
        ['storm', '5', '6'],
        undefined,
        results,
        generator,
        'parley catch-up and REST',
        async () => {
          Object.assign(results.extra, await catchUpAndRest(parley, users, rooms, quick, progress));
        },
      );
      await parley.stop();
      await scenario(
        ['4'],
        'scenario 4 (two instances, redis adapter)',
        results,
        generator,
        'two instances',
        async () => {
          const pair = started(await startParley(env, 2, runtime));
          recordSteadyState(
            results,
            pair.name,
            await steadyState(
              pair,
              generator,
              clientsFor(pair, users, rooms),
              rooms,
              { rates: PLAN.rates, durationMs: PLAN.stepMs, halfKnee: true },
              progress,
            ),
          );
          await pair.stop();
        },
      );
      // Last: its 100k messages would slow every scenario after it (/sync scans the messages on FerretDB).
      await scenario(
        ['search'],
        'search scenario (its own server): seeding through the send path, then queries',
        results,
        generator,
        'parley search',
        () =>
          searchScenario(
            { commit, env, runtime, generator, users, quick, progress },
            (search) => (results.search = search),
          ),
      );
    }
  } finally {
    await Promise.all(running.map((target) => target.stop()));
    await generator.stop();
    await Promise.all(stack.map((service) => service.stop()));
  }
  for (const [name, steps] of Object.entries(results.steady)) {
    // Past the knee a message may still be queued when the drain window closes; below it nothing may be.
    steps
      .filter((step) => !isClean(step) && step.deliver.p99 <= KNEE.deliverP99Ms * 10)
      .forEach((step) => results.failures.push(unaccounted(name, step)));
  }
  for (const [name, step] of Object.entries(results.fanOut)) {
    if (!isClean(step)) {
      results.failures.push(unaccounted(`${name} fan-out`, step));
    }
  }
  for (const [name, step] of Object.entries(results.halfKnee)) {
    if (!isClean(step)) {
      results.failures.push(unaccounted(`${name} at half the knee`, step));
    }
  }
  const base = writeResults(join(ROOT, 'bench/results'), results);
  progress(`results: ${base}.{json,md,svg}`);
  if (results.failures.length > 0) {
    progress(`FAILED: ${results.failures.join('; ')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
