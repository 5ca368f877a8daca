/** The measured scenarios. Each returns plain figures; the report compares targets side by side. */
import { cpuMicrosOf, Generator, Managed } from './processes';
import { ClientSpec, ConnectResult, ConversationSpec, LoadResult, LoadSpec } from './protocol';
import { SeededUser } from './seed';
import { Target } from './targets';

export interface StepResult extends LoadResult {
  serverCpuMicrosPerDelivery: number;
  /** CPU of the database the harness started, per message acked (0 with MONGODB_URI): what a send costs it. */
  databaseCpuMicrosPerMessage: number;
  serverCpuPercent: number;
  serverEventLoopDelayP99Ms: number;
  passed: boolean;
}

export interface ConnectionsResult extends ConnectResult {
  sockets: number;
  handshakesPerSec: number;
  rssPerSocketKB: number;
  /**
   * Of the RSS per socket, how much V8's young generation grew (or, after a full collection, shrank) across
   * the ramp: a per-process size that follows the allocation rate (up to 96 MB more on Node 24), not the
   * sockets, and counted here only when it changed during the ramp.
   */
  youngGenerationChangePerSocketKB: number;
  /** Live JS heap per socket: RSS also keeps the heap's high-water mark from the ramp's garbage. */
  heapPerSocketKB: number;
  restEventLoopDelayP99Ms: number;
}

export const KNEE = { deliverP99Ms: 100, eventLoopP99Ms: 50 };

/** The highest step within the knee's limits. */
export function knee(steps: StepResult[] = []): StepResult | undefined {
  return steps.filter((step) => step.passed).at(-1);
}

export function clientsFor(
  target: Target,
  users: SeededUser[],
  rooms: ConversationSpec[],
  perUser = 1,
): ClientSpec[] {
  return Array.from({ length: perUser }, (_, copy) =>
    users.map((user, i) => ({
      userId: user.userId,
      token: target.tokenFor(user, rooms),
      url: target.urls[(i + copy) % target.urls.length],
    })),
  ).flat();
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * The database and Redis the harness started (none with MONGODB_URI and REDIS_URL), so a step waits for
 * them to settle too and reports the database's CPU.
 */
export const backingProcesses: { database?: () => number | undefined; redis?: () => number | undefined } = {};

/**
 * After an overloaded step, or connects whose background work is still running, the server or its database
 * may still be working through a backlog; the next measurement starts only once each of them is idle (under
 * 20% of a core for a second), or after a minute at most.
 */
export async function waitIdle(servers: Managed[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  const cpus = () => [
    ...servers.map((server) => server.cpuMicros()),
    ...[backingProcesses.database, backingProcesses.redis].map((pid) => cpuMicrosOf(pid?.())),
  ];
  while (Date.now() < deadline) {
    const before = cpus();
    await sleep(1000);
    if (cpus().every((micros, i) => micros - before[i] < 200_000)) {
      return;
    }
  }
}

/** Load runs need every socket up; a refused socket would silently shrink the audience. */
export async function connectAll(generator: Generator, clients: ClientSpec[]): Promise<void> {
  const result = await generator.run<ConnectResult>({ cmd: 'connect', clients, concurrency: 50 });
  if (result.failed > 0) {
    throw new Error(`${result.failed} of ${clients.length} sockets failed to connect: ${result.firstError}`);
  }
}

async function measured<T>(servers: Managed[], run: () => Promise<T>) {
  await Promise.all(servers.map((server) => server.resetProbe()));
  const cpuBefore = servers.map((server) => server.cpuMicros());
  const databaseCpuBefore = cpuMicrosOf(backingProcesses.database?.());
  const started = performance.now();
  const result = await run();
  const wallMicros = (performance.now() - started) * 1000;
  const cpuMicros = servers.reduce((sum, server, i) => sum + server.cpuMicros() - cpuBefore[i], 0);
  const databaseCpuMicros = cpuMicrosOf(backingProcesses.database?.()) - databaseCpuBefore;
  const probes = await Promise.all(servers.map((server) => server.probe()));
  return {
    result,
    cpuMicros,
    databaseCpuMicros,
    cpuPercent: Math.round((cpuMicros / wallMicros) * 100),
    eventLoopP99: Math.max(...probes.map((probe) => probe.eventLoopDelayMs.p99)),
  };
}

export function isClean(step: LoadResult): boolean {
  return step.lostAcks === 0 && step.lostDeliveries === 0 && step.duplicates === 0 && step.errorAcks === 0;
}

export async function loadStep(target: Target, generator: Generator, spec: LoadSpec): Promise<StepResult> {
  await waitIdle(target.servers);
  const { result, cpuMicros, databaseCpuMicros, cpuPercent, eventLoopP99 } = await measured(
    target.servers,
    () => generator.run<LoadResult>({ cmd: 'load', spec }),
  );
  return {
    ...result,
    serverCpuMicrosPerDelivery: result.delivered > 0 ? Math.round(cpuMicros / result.delivered) : 0,
    databaseCpuMicrosPerMessage: result.acked > 0 ? Math.round(databaseCpuMicros / result.acked) : 0,
    serverCpuPercent: cpuPercent,
    serverEventLoopDelayP99Ms: eventLoopP99,
    passed: isClean(result) && result.deliver.p99 <= KNEE.deliverP99Ms && eventLoopP99 <= KNEE.eventLoopP99Ms,
  };
}

// `--all-steps`: run every step even past the knee (to compare builds at a load beyond it).
const ALL_STEPS = process.argv.includes('--all-steps');

export interface SteadyState {
  steps: StepResult[];
  /** A step at half the knee's rate, where the latency targets apply (when asked for and a knee was found). */
  halfKnee?: StepResult;
}

/**
 * Scenario 1 / 4: step the offered rate up; stop after the first step past the knee. With `halfKnee`, then
 * measure at half the knee's rate too (reusing a step of that rate), so the latency targets at half the knee
 * are measured where the issue puts them, not at the nearest planned step.
 */
export async function steadyState(
  target: Target,
  generator: Generator,
  clients: ClientSpec[],
  rooms: ConversationSpec[],
  plan: { rates: number[]; durationMs: number; halfKnee: boolean },
  progress: (line: string) => void,
): Promise<SteadyState> {
  await connectAll(generator, clients);
  const run = async (rate: number, label: string) => {
    const step = await loadStep(target, generator, {
      rate,
      durationMs: plan.durationMs,
      drainMs: 10_000,
      conversations: rooms,
    });
    progress(
      `  ${target.name} ${rate}/s${label}: ${step.deliveriesPerSec} deliveries/s, deliver p50 ${step.deliver.p50} ms, ` +
        `p99 ${step.deliver.p99} ms, lost ${step.lostAcks + step.lostDeliveries}, errors ${step.errorAcks}, ` +
        `loop p99 ${step.serverEventLoopDelayP99Ms} ms`,
    );
    return step;
  };
  const steps: StepResult[] = [];
  for (const rate of plan.rates) {
    const step = await run(rate, '');
    steps.push(step);
    if (!step.passed && !ALL_STEPS) {
      break;
    }
  }
  const kneeRate = knee(steps)?.offeredRate;
  const halfRate = kneeRate === undefined ? undefined : Math.floor(kneeRate / 2);
  const halfKnee =
    plan.halfKnee && halfRate
      ? (steps.find((step) => step.offeredRate === halfRate) ?? (await run(halfRate, ' (half the knee)')))
      : undefined;
  await generator.run({ cmd: 'disconnect' });
  return { steps, halfKnee };
}

/** Scenario 2: one big group, half its members connected, a steady trickle of messages. */
export async function fanOut(
  target: Target,
  generator: Generator,
  clients: ClientSpec[],
  group: ConversationSpec,
  durationMs: number,
): Promise<StepResult> {
  await connectAll(generator, clients);
  const step = await loadStep(target, generator, {
    rate: 20,
    durationMs,
    drainMs: 10_000,
    conversations: [group],
  });
  await generator.run({ cmd: 'disconnect' });
  return step;
}

/** Scenario 3: ramp up idle authenticated sockets; memory per socket and event-loop delay at rest. */
export async function connections(
  target: Target,
  generator: Generator,
  clients: ClientSpec[],
  restMs: number,
): Promise<ConnectionsResult> {
  await waitIdle(target.servers);
  const before = await Promise.all(target.servers.map((server) => server.probe()));
  const connected = await generator.run<ConnectResult>({ cmd: 'connect', clients, concurrency: 50 });
  await sleep(1000);
  const rest = await measured(target.servers, () => sleep(restMs));
  const after = await Promise.all(target.servers.map((server) => server.probe()));
  await generator.run({ cmd: 'disconnect' });
  const rssDelta = after.reduce((sum, probe, i) => sum + probe.rssBytes - before[i].rssBytes, 0);
  const heapDelta = after.reduce((sum, probe, i) => sum + probe.heapUsedBytes - before[i].heapUsedBytes, 0);
  const youngDelta = after.reduce((sum, probe, i) => sum + probe.newSpaceBytes - before[i].newSpaceBytes, 0);
  const perSocketKB = (bytes: number) =>
    Math.round((bytes / Math.max(1, connected.connected) / 1024) * 10) / 10;
  return {
    ...connected,
    sockets: clients.length,
    handshakesPerSec: Math.round((connected.connected * 1000) / connected.elapsedMs),
    rssPerSocketKB: perSocketKB(rssDelta),
    youngGenerationChangePerSocketKB: perSocketKB(youngDelta),
    heapPerSocketKB: perSocketKB(heapDelta),
    restEventLoopDelayP99Ms: rest.eventLoopP99,
  };
}
