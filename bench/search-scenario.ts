/**
 * The search scenario (issue #32): a searcher in 100 conversations, the corpus sent through Parley's send
 * path by the seeder (search-seeder.ts) up to each size (full: 10k then 100k, quick: 1k then 10k), indexed
 * by the live indexer and checked complete through the search route; then one-word, two-word and prefix
 * queries over HTTP against a fresh Parley server, each alone (latency) and 8 at a time (queries/s).
 */
import { execFileSync } from 'node:child_process';
import { Generator, Managed, startServerSide } from './processes';
import { ROOT } from './root';
import { waitIdle } from './scenarios';
import { buildCorpus, Corpus, CONVERSATIONS } from './search-corpus';
import { SearchLoadResult, SearchLoadSpec } from './search-load';
import { indexProbes, queriesOf, QueryKind } from './search-queries';
import { SeederCommand, SeedResult } from './search-seeder';
import { api, pool, registerUsers, SeededUser } from './seed';
import { ServerRuntime } from './server-runtime';
import { startParley, Target } from './targets';

const SEED = 32;
const KINDS: QueryKind[] = ['one-word', 'two-word', 'prefix'];
/** Sends in flight in the seeder (inserts are group-committed: more in flight, bigger rounds). */
const SEND_CONCURRENCY = 200;
/** Messages sent between two drains of the indexer (see seedRange). */
const ROUND = 2000;
const THROUGHPUT_CONCURRENCY = 8;

export interface SearchSize {
  messages: number;
  /**
   * The messages added at this step: time spent sending (the indexer writing meanwhile), time spent
   * draining the indexer after each round, and from the first send until the probe words find everything.
   */
  seeding: {
    added: number;
    sendSeconds: number;
    sentPerSec: number;
    drainSeconds: number;
    searchableSeconds: number;
    indexedPerSec: number;
  };
  probes: Array<{ word: string; expected: number; found: number }>;
  kinds: Record<string, { alone: SearchLoadResult; loaded: SearchLoadResult }>;
}

export type SearchResult =
  | {
      conversations: number;
      vocabulary: number;
      seed: number;
      seeding: string;
      loadedConcurrency: number;
      sizes: SearchSize[];
    }
  | { skipped: string };

export interface SearchRun {
  commit: string;
  env: NodeJS.ProcessEnv;
  runtime: ServerRuntime;
  generator: Generator;
  users: SeededUser[];
  quick: boolean;
  progress: (line: string) => void;
}

function hasSearch(commit: string): boolean {
  try {
    execFileSync('git', ['cat-file', '-e', `${commit}:src/search`], { cwd: ROOT, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** 100 conversations of the searcher: 3 in 10 directs, the rest groups of 3 to 10 members. */
async function conversationsOf(base: string, searcher: SeededUser, users: SeededUser[]) {
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
 * Sends messages [from, to) in rounds of ROUND, each followed by a drain of the indexer. The live indexer
 * keeps at most 200,000 (token, message) pairs pending and drops what comes past that (the re-index job
 * repairs it), and in-process sends outrun it, so the rounds hold the sends to the pace the index is
 * written at (a round is about 50,000 pairs). Sending and draining are timed apart.
 */
async function seedRange(
  run: SearchRun,
  seeder: Managed,
  conversations: Array<{ id: string; memberIds: string[] }>,
  from: number,
  to: number,
): Promise<{ sendMs: number; drainMs: number }> {
  let [sendMs, drainMs] = [0, 0];
  for (let next = from; next < to; next += ROUND) {
    const end = Math.min(to, next + ROUND);
    const sent = await ask<SeedResult>(seeder, {
      cmd: 'seed',
      seed: SEED,
      from: next,
      to: end,
      conversations,
      concurrency: SEND_CONCURRENCY,
    });
    if (sent.failed > 0) {
      throw new Error(`${sent.failed} of ${end - next} sends failed: ${sent.firstError}`);
    }
    const drained = await ask<SeedResult>(seeder, { cmd: 'drain' });
    [sendMs, drainMs] = [sendMs + sent.ms, drainMs + drained.ms];
    if (end % 10_000 === 0 || end === to) {
      run.progress(
        `  ${end}/${to} sent and indexed (so far: sending ${Math.round(sendMs / 1000)} s, draining ${Math.round(drainMs / 1000)} s)`,
      );
    }
  }
  return { sendMs, drainMs };
}

async function measureSize(
  run: SearchRun,
  target: Target,
  seeder: Managed,
  context: {
    searcher: SeededUser;
    conversations: Array<{ id: string; memberIds: string[] }>;
    corpus: Corpus;
  },
  from: number,
  messages: number,
): Promise<SearchSize> {
  const { searcher, conversations, corpus } = context;
  const started = performance.now();
  const { sendMs, drainMs } = await seedRange(run, seeder, conversations, from, messages);
  const probes = await untilSearchable(target.urls[0], searcher, corpus, messages);
  const searchableMs = performance.now() - started;
  const added = messages - from;
  const seeding = {
    added,
    sendSeconds: Math.round(sendMs / 100) / 10,
    sentPerSec: Math.round((added * 1000) / sendMs),
    drainSeconds: Math.round(drainMs / 100) / 10,
    searchableSeconds: Math.round(searchableMs / 100) / 10,
    indexedPerSec: Math.round((added * 1000) / searchableMs),
  };
  run.progress(
    `  ${messages} messages: sent at ${seeding.sentPerSec}/s, searchable ${seeding.searchableSeconds} s after the first send (${seeding.indexedPerSec} msg/s indexed)`,
  );
  await waitIdle(target.servers);
  const spec = (queries: SearchLoadSpec['queries'], extra: Partial<SearchLoadSpec> = {}) => ({
    cmd: 'search' as const,
    spec: { apiUrl: target.urls[0], token: searcher.token, queries, concurrency: 1, ...extra },
  });
  const count = run.quick ? 150 : 600;
  await run.generator.run(spec(KINDS.flatMap((kind) => queriesOf(corpus, kind, 10))));
  const kinds: SearchSize['kinds'] = {};
  for (const kind of KINDS) {
    const queries = queriesOf(corpus, kind, count);
    const alone = await run.generator.run<SearchLoadResult>(spec(queries));
    const loaded = await run.generator.run<SearchLoadResult>(
      spec(queries, { concurrency: THROUGHPUT_CONCURRENCY, durationMs: run.quick ? 3000 : 10_000 }),
    );
    kinds[kind] = { alone, loaded };
    run.progress(
      `  ${kind} at ${messages}: p50 ${alone.latency.p50} ms, p99 ${alone.latency.p99} ms alone; ` +
        `${loaded.queriesPerSec} queries/s ${THROUGHPUT_CONCURRENCY} at a time; errors ${alone.errors + loaded.errors}`,
    );
    if (alone.errors + loaded.errors > 0) {
      throw new Error(`${kind} queries failed: ${alone.firstError ?? loaded.firstError}`);
    }
  }
  return { messages, seeding, probes, kinds };
}

/** Records into `record` as it goes, so a failure at 100k keeps the 10k figures. */
export async function searchScenario(run: SearchRun, record: (result: SearchResult) => void): Promise<void> {
  if (!hasSearch(run.commit)) {
    run.progress(`  skipped: ${run.commit.slice(0, 7)} has no search (src/search)`);
    record({ skipped: `commit ${run.commit} has no src/search` });
    return;
  }
  const target = await startParley(run.env, 1, run.runtime);
  const seeder = startServerSide(run.runtime, 'bench/search-seeder.ts', run.env);
  try {
    const base = target.urls[0];
    const setup = performance.now();
    const [searcher] = await registerUsers(base, 1);
    const conversations = await conversationsOf(base, searcher, run.users);
    run.progress(
      `  searcher and ${conversations.length} conversations in ${Math.round(performance.now() - setup)} ms`,
    );
    const corpus = buildCorpus(SEED);
    const sizes: SearchSize[] = [];
    record({
      conversations: conversations.length,
      vocabulary: corpus.words.length,
      seed: SEED,
      seeding: `MessagesService.send in Parley's application context from the measured build, ${SEND_CONCURRENCY} in flight, on the server's core, in rounds of ${ROUND} each followed by a drain of its live indexer`,
      loadedConcurrency: THROUGHPUT_CONCURRENCY,
      sizes,
    });
    let seeded = 0;
    for (const messages of run.quick ? [1000, 10_000] : [10_000, 100_000]) {
      sizes.push(
        await measureSize(run, target, seeder, { searcher, conversations, corpus }, seeded, messages),
      );
      seeded = messages;
    }
  } finally {
    await seeder.stop();
    await target.stop();
  }
}
