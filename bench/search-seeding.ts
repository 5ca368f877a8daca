/**
 * The search scenario's data: the searcher's 100 conversations (through the REST API), the corpus sent by
 * the seeder (search-seeder.ts) in rounds, and the check that everything sent is searchable.
 */
import { cpuMicrosOf, Managed } from './processes';
import { backingProcesses } from './scenarios';
import { Corpus, CONVERSATIONS } from './search-corpus';
import { indexProbes } from './search-queries';
import { SeederCommand, SeedResult } from './search-seeder';
import { api, pool, SeededUser } from './seed';
import { Target } from './targets';

export const CORPUS_SEED = 32;
/** Sends in flight in the seeder (inserts are group-committed: more in flight, bigger rounds). */
export const SEND_CONCURRENCY = 200;
/** Messages sent between two drains of the indexer (see seedRange). */
export const ROUND = 2000;

export interface Conversation {
  id: string;
  memberIds: string[];
}

/**
 * `live`: sent with the live indexer writing meanwhile, drained after each round. `backfill`: sent with
 * the live indexing detached, then indexed by the re-index job (which reads every message stored).
 */
export type Indexing = 'live' | 'backfill';

/**
 * The messages added at a step: time spent sending, time spent indexing past the sends (draining the
 * live indexer after each round, or the re-index job), from the first send until the probe words find
 * everything, and the CPU the seeder (sends, indexer), the server (it may run the job) and the database
 * spent over the whole step.
 */
export interface Seeding {
  added: number;
  indexing: Indexing;
  sendSeconds: number;
  sentPerSec: number;
  indexSeconds: number;
  /** Backfill: messages the job read (all stored, the earlier steps' too), as of its last progress report. */
  reindexed?: number;
  searchableSeconds: number;
  indexedPerSec: number;
  seederCpuSeconds: number;
  serverCpuSeconds: number;
  databaseCpuSeconds: number;
}

/** 100 conversations of the searcher: 3 in 10 directs, the rest groups of 3 to 10 members. */
export async function conversationsOf(
  base: string,
  searcher: SeededUser,
  users: SeededUser[],
): Promise<Conversation[]> {
  return pool(
    Array.from({ length: CONVERSATIONS }, (_, c) => c),
    8,
    async (c) => {
      if (c % 10 < 3) {
        const partner = users[c % users.length];
        const created = await api<{ id: string }>(base, 'POST', '/conversations/direct', searcher.token, {
          userId: partner.userId,
        });
        return { id: created.id, memberIds: [searcher.userId, partner.userId] };
      }
      const others = Array.from(
        { length: 2 + (c % 8) },
        (_, m) => users[(c * 7 + m * 11) % users.length].userId,
      );
      const body = { title: `search bench ${c}`, memberIds: [...new Set(others)] };
      const created = await api<{ id: string }>(base, 'POST', '/conversations/group', searcher.token, body);
      return { id: created.id, memberIds: [searcher.userId, ...body.memberIds] };
    },
  );
}

async function ask<T>(seeder: Managed, command: SeederCommand): Promise<T> {
  const reply = await seeder.request<{ ok: boolean; result: T; error?: string }>(command, 1_800_000);
  if (!reply.ok) {
    throw new Error(`search seeder failed: ${reply.error}\n${seeder.logs()}`);
  }
  return reply.result;
}

/** Polls the probe words until each finds exactly its messages (5 minutes at most). */
async function untilSearchable(base: string, searcher: SeededUser, corpus: Corpus, messages: number) {
  const probes = indexProbes(corpus, messages);
  const deadline = Date.now() + 300_000;
  for (;;) {
    const found = await Promise.all(
      probes.map(async ({ word }) => {
        const path = `/search/messages?q=${encodeURIComponent(word)}&limit=50`;
        return (await api<{ items: unknown[] }>(base, 'GET', path, searcher.token)).items.length;
      }),
    );
    const checked = probes.map((probe, i) => ({ ...probe, found: found[i] }));
    if (checked.every((probe) => probe.found === probe.expected)) {
      return checked;
    }
    if (Date.now() > deadline) {
      throw new Error(`index incomplete 5 min after seeding: ${JSON.stringify(checked)}`);
    }
    await new Promise((done) => setTimeout(done, 250));
  }
}

/**
 * Sends messages [from, to). Live: in rounds of ROUND, each followed by a drain of the indexer. The live
 * indexer keeps at most 200,000 (token, message) pairs pending and drops what comes past that (the
 * re-index job repairs it), and in-process sends outrun it, so the rounds hold the sends to the pace the
 * index is written at (a round is about 50,000 pairs). Backfill: in rounds of 10,000, then the re-index job.
 */
async function seedRange(
  seeder: Managed,
  conversations: Conversation[],
  [from, to]: [number, number],
  indexing: Indexing,
  progress: (line: string) => void,
): Promise<{ sendMs: number; indexMs: number; reindexed?: number }> {
  const live = indexing === 'live';
  let [sendMs, indexMs] = [0, 0];
  for (let next = from; next < to; next += live ? ROUND : 10_000) {
    const end = Math.min(to, next + (live ? ROUND : 10_000));
    const sent = await ask<SeedResult>(seeder, {
      cmd: 'seed',
      seed: CORPUS_SEED,
      from: next,
      to: end,
      conversations,
      concurrency: SEND_CONCURRENCY,
      live,
    });
    if (sent.failed > 0) {
      throw new Error(`${sent.failed} of ${end - next} sends failed: ${sent.firstError}`);
    }
    sendMs += sent.ms;
    indexMs += live ? (await ask<SeedResult>(seeder, { cmd: 'drain' })).ms : 0;
    if (end % 10_000 === 0 || end === to) {
      progress(
        `  ${end}/${to} sent${live ? ' and indexed' : ''} (so far: sending ${Math.round(sendMs / 1000)} s` +
          `${live ? `, draining ${Math.round(indexMs / 1000)} s` : ''})`,
      );
    }
  }
  if (live) {
    return { sendMs, indexMs };
  }
  progress('  re-index job (backfill) running');
  const job = await ask<SeedResult>(seeder, { cmd: 'reindex' });
  progress(`  re-index job done in ${Math.round(job.ms / 1000)} s (${job.reindexed} messages read)`);
  return { sendMs, indexMs: job.ms, reindexed: job.reindexed };
}

/** Seeds messages [from, to) and waits until the server finds them all. */
export async function seedStep(
  context: { target: Target; seeder: Managed; searcher: SeededUser; conversations: Conversation[] },
  corpus: Corpus,
  range: [number, number],
  indexing: Indexing,
  progress: (line: string) => void,
): Promise<{ seeding: Seeding; probes: Array<{ word: string; expected: number; found: number }> }> {
  const { target, seeder, searcher, conversations } = context;
  const [server] = target.servers;
  const database = () => cpuMicrosOf(backingProcesses.database?.());
  const cpu = () => [seeder.cpuMicros(), server.cpuMicros(), database()];
  const [cpuBefore, started] = [cpu(), performance.now()];
  const { sendMs, indexMs, reindexed } = await seedRange(seeder, conversations, range, indexing, progress);
  const probes = await untilSearchable(target.urls[0], searcher, corpus, range[1]);
  const searchableMs = performance.now() - started;
  const added = range[1] - range[0];
  const seconds = (ms: number) => Math.round(ms / 100) / 10;
  const cpuSeconds = cpu().map((micros, i) => seconds((micros - cpuBefore[i]) / 1000));
  return {
    seeding: {
      added,
      indexing,
      sendSeconds: seconds(sendMs),
      sentPerSec: Math.round((added * 1000) / sendMs),
      indexSeconds: seconds(indexMs),
      reindexed,
      searchableSeconds: seconds(searchableMs),
      indexedPerSec: Math.round((added * 1000) / searchableMs),
      seederCpuSeconds: cpuSeconds[0],
      serverCpuSeconds: cpuSeconds[1],
      databaseCpuSeconds: cpuSeconds[2],
    },
    probes,
  };
}
