/** Scenarios only Parley has: reconnect storm, catch-up through /sync, REST throughput with autocannon. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { GENERATOR_CORE, Generator } from './processes';
import { ConversationSpec } from './protocol';
import { ROOT } from './root';
import { clientsFor, connectAll, isClean, loadStep, waitIdle } from './scenarios';
import { api, PASSWORD, pool, SeededUser } from './seed';
import { newHistogram, summarize } from './stats';
import { Target } from './targets';

const run = promisify(execFile);

/**
 * The storm tests loss and duplication, not throughput, so it runs below every knee scenario 1 has measured
 * on this machine (far past the knee, the drain window would end before the backlog and the run would say
 * more about overload than about reconnects), and before scenario 1, while the messages table is small:
 * every recipient a message missed while its socket was down recovers it through /sync, whose query FerretDB
 * answers by scanning the messages table (about a second of its CPU per sync after a full scenario 1), so
 * after scenario 1 the recovery took 2-10 minutes depending on how many users the drop made miss something
 * (docs/performance.md#sync-and-the-storm).
 */
export const STORM_RATE = 50;

/** Every socket drops mid-step and reconnects at once. */
export async function reconnectStorm(
  target: Target,
  generator: Generator,
  users: SeededUser[],
  rooms: ConversationSpec[],
  quick: boolean,
) {
  await connectAll(generator, clientsFor(target, users, rooms));
  const durationMs = quick ? 4000 : 12_000;
  const step = await loadStep(target, generator, {
    rate: STORM_RATE,
    durationMs,
    drainMs: 30_000,
    conversations: rooms,
    stormAtMs: durationMs / 2,
    apiUrl: target.urls[0],
  });
  await generator.run({ cmd: 'disconnect' });
  return { ...step, clean: isClean(step) };
}

/** A device misses `missed` messages (full run: 1,000) across 20 conversations, then restores its state by /sync. */
async function catchUp(target: Target, users: SeededUser[], missed: number) {
  const base = target.urls[0];
  const [device, ...partners] = users.slice(0, 21);
  const conversations = await pool(partners, 5, async (partner) => {
    const created = await api<{ id: string }>(base, 'POST', '/conversations/direct', partner.token, {
      userId: device.userId,
    });
    return { id: created.id, partner };
  });
  let cursor = '';
  for (let more = true; more;) {
    const page = await api<{ cursor: string; hasMore: boolean }>(
      base,
      'GET',
      `/sync${cursor ? `?since=${encodeURIComponent(cursor)}` : ''}`,
      device.token,
    );
    ({ cursor, hasMore: more } = page);
  }
  const sends = Array.from({ length: missed }, (_, i) => conversations[i % conversations.length]);
  await pool(sends, 10, ({ id, partner }, i) =>
    api(base, 'POST', `/conversations/${id}/messages`, partner.token, { content: `missed ${i}` }),
  );
  const started = performance.now();
  const ids = new Set<string>();
  let returned = 0;
  let pages = 0;
  for (let more = true; more; pages += 1) {
    const page = await api<{
      cursor: string;
      hasMore: boolean;
      messages: Array<{ id: string; content: string }>;
    }>(base, 'GET', `/sync?since=${encodeURIComponent(cursor)}&limit=500`, device.token);
    page.messages.filter((m) => m.content.startsWith('missed ')).forEach((m) => ids.add(m.id));
    returned += page.messages.length;
    ({ cursor, hasMore: more } = page);
  }
  return {
    missed,
    restored: ids.size,
    returnedIncludingRepeats: returned,
    pages,
    ms: Math.round(performance.now() - started),
  };
}

async function autocannon(label: string, seconds: number, args: string[]) {
  const { stdout } = await run(
    'taskset',
    [
      '-c',
      GENERATOR_CORE,
      process.execPath,
      require.resolve('autocannon/autocannon.js'),
      '--json',
      '-d',
      String(seconds),
      '-c',
      '20',
      ...args,
    ],
    {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const result = JSON.parse(stdout) as {
    requests: { average: number };
    latency: { p50: number; p99: number };
    non2xx: number;
    timeouts: number;
    errors: number;
  };
  return {
    label,
    requestsPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
    errors: result.errors,
  };
}

/**
 * Refresh tokens rotate and a replayed one revokes its session, so refresh cannot be replayed by autocannon:
 * each of `concurrency` clients owns a session and always sends the token the previous refresh returned.
 */
async function refreshChains(base: string, users: SeededUser[], seconds: number, concurrency = 20) {
  const histogram = newHistogram();
  let done = 0;
  let failed = 0;
  // Every chain logs in first, so the measured window holds refreshes only.
  const tokens = await pool(users.slice(0, concurrency), concurrency, async (user) => {
    const { refreshToken } = await api<{ refreshToken: string }>(base, 'POST', '/auth/login', undefined, {
      email: user.email,
      password: PASSWORD,
    });
    return refreshToken;
  });
  const deadline = performance.now() + seconds * 1000;
  await pool(tokens, concurrency, async (first) => {
    let refreshToken = first;
    while (performance.now() < deadline) {
      const started = performance.now();
      try {
        ({ refreshToken } = await api<{ refreshToken: string }>(base, 'POST', '/auth/refresh', undefined, {
          refreshToken,
        }));
        done += 1;
        histogram.recordValue(Math.max(1, Math.round((performance.now() - started) * 1000)));
      } catch {
        failed += 1; // a refused token ends this chain: its session is gone
        return;
      }
    }
  });
  const latency = summarize(histogram);
  return {
    label: 'refresh (rotating, chained)',
    requestsPerSec: Math.round((done / seconds) * 10) / 10,
    p50Ms: latency.p50,
    p99Ms: latency.p99,
    non2xx: failed,
    timeouts: 0,
    errors: 0,
  };
}

async function rest(target: Target, users: SeededUser[], rooms: ConversationSpec[], seconds: number) {
  const base = `${target.urls[0]}/api/v1`;
  const [user] = users;
  const room = rooms.find((r) => r.memberIds.length > 2 && r.memberIds.includes(user.userId)) ?? rooms[0];
  const auth = ['-H', `authorization=Bearer ${user.token}`];
  const login = JSON.stringify({ email: user.email, password: PASSWORD });
  return [
    await autocannon('login', seconds, [
      '-m',
      'POST',
      '-H',
      'content-type=application/json',
      '-b',
      login,
      `${base}/auth/login`,
    ]),
    await refreshChains(target.urls[0], users, seconds),
    await autocannon('history page (limit=50)', seconds, [
      ...auth,
      `${base}/conversations/${room.id}/messages?limit=50`,
    ]),
    await autocannon('conversation list', seconds, [...auth, `${base}/conversations`]),
  ];
}

/** Scenarios 6 and 5, each once the server, the database and Redis are idle (else they measure a backlog). */
export async function catchUpAndRest(
  target: Target,
  users: SeededUser[],
  rooms: ConversationSpec[],
  quick: boolean,
  progress: (line: string) => void,
): Promise<Record<string, unknown>> {
  progress('scenario 6 (catch-up through /sync)');
  await waitIdle(target.servers);
  const catchup = await catchUp(target, users, quick ? 200 : 1000);
  progress(`  ${catchup.restored}/${catchup.missed} restored in ${catchup.ms} ms`);
  progress('scenario 5 (REST with autocannon)');
  await waitIdle(target.servers);
  const restResults = await rest(target, users, rooms, quick ? 2 : 8);
  return { catchUp: catchup, rest: restResults };
}
