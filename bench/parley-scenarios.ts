/** Scenarios only Parley has: reconnect storm, catch-up through /sync, REST throughput with autocannon. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { GENERATOR_CORE, Generator, ROOT } from './processes';
import { ConversationSpec } from './protocol';
import { clientsFor, connectAll, isClean, loadStep } from './scenarios';
import { api, PASSWORD, pool, SeededUser } from './seed';
import { Target } from './targets';

const run = promisify(execFile);

async function reconnectStorm(
  target: Target,
  generator: Generator,
  users: SeededUser[],
  rooms: ConversationSpec[],
  quick: boolean,
) {
  await connectAll(generator, clientsFor(target, users, rooms));
  const durationMs = quick ? 6000 : 12_000;
  const step = await loadStep(target, generator, {
    rate: quick ? 100 : 250,
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

async function autocannon(label: string, args: string[]) {
  const { stdout } = await run(
    'taskset',
    [
      '-c',
      GENERATOR_CORE,
      process.execPath,
      require.resolve('autocannon/autocannon.js'),
      '--json',
      '-d',
      '8',
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

async function rest(target: Target, users: SeededUser[], rooms: ConversationSpec[]) {
  const base = `${target.urls[0]}/api/v1`;
  const [user] = users;
  const room = rooms.find((r) => r.memberIds.length > 2 && r.memberIds.includes(user.userId)) ?? rooms[0];
  const auth = ['-H', `authorization=Bearer ${user.token}`];
  const login = JSON.stringify({ email: user.email, password: PASSWORD });
  return [
    await autocannon('login', [
      '-m',
      'POST',
      '-H',
      'content-type=application/json',
      '-b',
      login,
      `${base}/auth/login`,
    ]),
    await autocannon('history page (limit=50)', [
      ...auth,
      `${base}/conversations/${room.id}/messages?limit=50`,
    ]),
    await autocannon('conversation list', [...auth, `${base}/conversations`]),
  ];
}

export async function extraScenarios(
  target: Target,
  generator: Generator,
  users: SeededUser[],
  rooms: ConversationSpec[],
  quick: boolean,
  progress: (line: string) => void,
): Promise<Record<string, unknown>> {
  progress(
    'reconnect storm: every socket drops mid-step and reconnects; misses must come back through /sync',
  );
  const storm = await reconnectStorm(target, generator, users, rooms, quick);
  progress(
    `  lost ${storm.lostAcks + storm.lostDeliveries}, duplicated ${storm.duplicates}, resent ${storm.resentAfterReconnect}, recovered by /sync ${storm.recoveredBySync}`,
  );
  progress('scenario 6 (catch-up through /sync)');
  const catchup = await catchUp(target, users, quick ? 200 : 1000);
  progress(`  ${catchup.restored}/${catchup.missed} restored in ${catchup.ms} ms`);
  progress('scenario 5 (REST with autocannon)');
  const restResults = await rest(target, users, rooms);
  return { reconnectStorm: storm, catchUp: catchup, rest: restResults };
}
