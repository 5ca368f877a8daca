/**
 * The search scenario (issue #32): a searcher in 100 conversations, the corpus sent through Parley's send
 * path by the seeder (search-seeder.ts) up to each size (full: 10k then 100k, quick: 1k then 10k), indexed
 * by the live indexer and checked complete through the search route; then one-word, two-word and prefix
 * queries over HTTP against a fresh Parley server, each alone (latency) and 8 at a time (queries/s).
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { cpuMicrosOf, Generator, startServerSide } from './processes';
import { ROOT } from './root';
import { backingProcesses, waitIdle } from './scenarios';
import { buildCorpus, Corpus } from './search-corpus';
import { SearchLoadResult, SearchLoadSpec } from './search-load';
import { queriesOf, QueryKind } from './search-queries';
import {
  conversationsOf,
  CORPUS_SEED,
  Indexing,
  ROUND,
  SEND_CONCURRENCY,
  seedStep,
  Seeding,
} from './search-seeding';
import { registerUsers, SeededUser } from './seed';
import { ServerRuntime } from './server-runtime';
import { startParley, Target } from './targets';

const KINDS: QueryKind[] = ['one-word', 'two-word', 'prefix'];

/**
 * The sizes measured and how each step's messages get indexed. `--search-steps=1000:live,10000:backfill`
 * replaces the plan (ad hoc runs).
 */
function steps(quick: boolean): Array<[number, Indexing]> {
  const arg = process.argv.find((a) => a.startsWith('--search-steps='))?.slice('--search-steps='.length);
  if (arg) {
    return arg.split(',').map((step) => {
      const [messages, indexing] = step.split(':');
      return [Number(messages), indexing === 'backfill' ? 'backfill' : 'live'];
    });
  }
  return quick
    ? [
        [1000, 'live'],
        [10_000, 'live'],
      ]
    : [
        [10_000, 'live'],
        [100_000, 'live'],
      ];
}
const THROUGHPUT_CONCURRENCY = 8;

export interface SearchSize {
  messages: number;
  seeding: Seeding;
  probes: Array<{ word: string; expected: number; found: number }>;
  kinds: Record<string, { alone: SearchLoadResult; loaded: LoadedQueries }>;
  /** The machine's 1-minute load average when the queries ended: other work on it slows every figure. */
  loadAverage: number;
}

/** Queries/s with several in flight, and the server's and the database's CPU per query meanwhile. */
export interface LoadedQueries extends SearchLoadResult {
  serverCpuMsPerQuery: number;
  databaseCpuMsPerQuery: number;
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

/** Each kind's queries alone, then THROUGHPUT_CONCURRENCY at a time with the CPU they cost. */
async function measureQueries(
  run: SearchRun,
  target: Target,
  searcher: SeededUser,
  corpus: Corpus,
  messages: number,
): Promise<SearchSize['kinds']> {
  await waitIdle(target.servers);
  const [server] = target.servers;
  const database = () => cpuMicrosOf(backingProcesses.database?.());
  const spec = (queries: SearchLoadSpec['queries'], extra: Partial<SearchLoadSpec> = {}) => ({
    cmd: 'search' as const,
    spec: { apiUrl: target.urls[0], token: searcher.token, queries, concurrency: 1, ...extra },
  });
  // Warm-up (compiled code, membership caches), not recorded.
  await run.generator.run(spec(KINDS.flatMap((kind) => queriesOf(corpus, kind, 10))));
  const kinds: SearchSize['kinds'] = {};
  for (const kind of KINDS) {
    const queries = queriesOf(corpus, kind, run.quick ? 150 : 600);
    const alone = await run.generator.run<SearchLoadResult>(spec(queries));
    const [serverCpu, databaseCpu] = [server.cpuMicros(), database()];
    const durationMs = run.quick ? 3000 : 10_000;
    const loaded = await run.generator.run<SearchLoadResult>(
      spec(queries, { concurrency: THROUGHPUT_CONCURRENCY, durationMs }),
    );
    const perQuery = (micros: number) => Math.round(micros / Math.max(1, loaded.queries) / 10) / 100;
    kinds[kind] = {
      alone,
      loaded: {
        ...loaded,
        serverCpuMsPerQuery: perQuery(server.cpuMicros() - serverCpu),
        databaseCpuMsPerQuery: perQuery(database() - databaseCpu),
      },
    };
    run.progress(
      `  ${kind} at ${messages}: p50 ${alone.latency.p50} ms, p99 ${alone.latency.p99} ms alone; ` +
        `${loaded.queriesPerSec} queries/s ${THROUGHPUT_CONCURRENCY} at a time; errors ${alone.errors + loaded.errors}`,
    );
    if (alone.errors + loaded.errors > 0) {
      throw new Error(`${kind} queries failed: ${alone.firstError ?? loaded.firstError}`);
    }
  }
  return kinds;
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
    const setup = performance.now();
    const [searcher] = await registerUsers(target.urls[0], 1);
    const conversations = await conversationsOf(target.urls[0], searcher, run.users);
    run.progress(
      `  searcher and ${conversations.length} conversations in ${Math.round(performance.now() - setup)} ms`,
    );
    const corpus = buildCorpus(CORPUS_SEED);
    const sizes: SearchSize[] = [];
    record({
      conversations: conversations.length,
      vocabulary: corpus.words.length,
      seed: CORPUS_SEED,
      seeding:
        `MessagesService.send in Parley's application context from the measured build (${SEND_CONCURRENCY} ` +
        `in flight, on the server's core); live: in rounds of ${ROUND}, each followed by a drain of its live ` +
        'indexer; backfill: live indexing detached, then the re-index job',
      loadedConcurrency: THROUGHPUT_CONCURRENCY,
      sizes,
    });
    let seeded = 0;
    for (const [messages, indexing] of steps(run.quick)) {
      const context = { target, seeder, searcher, conversations };
      const { seeding, probes } = await seedStep(context, corpus, [seeded, messages], indexing, run.progress);
      seeded = messages;
      run.progress(
        `  ${messages} messages: sent at ${seeding.sentPerSec}/s, searchable ${seeding.searchableSeconds} s ` +
          `after the first send (${seeding.indexedPerSec} msg/s indexed)`,
      );
      const kinds = await measureQueries(run, target, searcher, corpus, messages);
      sizes.push({ messages, seeding, probes, kinds, loadAverage: Math.round(loadavg()[0] * 100) / 100 });
    }
  } finally {
    await seeder.stop();
    await target.stop();
  }
}
