/** The search scenario's section of the Markdown report, with the issue's targets marked met / not met. */
import type { SearchResult, SearchSize } from './search-scenario';

export const SEARCH_TARGET = { p99Ms: 100, growth: 1.5, atMessages: 100_000, baseMessages: 10_000 };
/** The kinds the issue's targets name; prefix queries are reported beside them. */
const TARGET_KINDS = ['one-word', 'two-word'];

const met = (ok: boolean) => (ok ? 'met' : 'not met');

function seedingRows(sizes: SearchSize[]): string[] {
  return [
    '| messages | added, indexed by | sending s (msg/s while sending) | indexing past the sends s | first send to searchable s (msg/s indexed) | CPU s: seeder / server / database | index check | load average after the queries |',
    '|---|---|---|---|---|---|---|---|',
    ...sizes.map(({ messages, seeding: s, probes, loadAverage }) => {
      const exact = probes.filter((p) => p.found === p.expected).length;
      return (
        `| ${messages} | ${s.added}, ${s.indexing === 'live' ? 'live indexer' : `re-index job (read ${s.reindexed})`} | ` +
        `${s.sendSeconds} (${s.sentPerSec}) | ${s.indexSeconds} | ${s.searchableSeconds} (${s.indexedPerSec}) | ` +
        `${s.seederCpuSeconds} / ${s.serverCpuSeconds} / ${s.databaseCpuSeconds} | ` +
        `${exact}/${probes.length} probe words exact | ${loadAverage} |`
      );
    }),
  ];
}

function queryRows(sizes: SearchSize[], concurrency: number): string[] {
  const kinds = Object.keys(sizes[0]?.kinds ?? {});
  return [
    `| kind | messages | alone: p50 / p99 / max ms | alone p99 rare / medium / common ms | mean items (limit 20) | queries/s, ${concurrency} at a time | p50 / p99 ms at that load | CPU ms/query: server / database |`,
    '|---|---|---|---|---|---|---|---|',
    ...kinds.flatMap((kind) =>
      sizes
        .filter((size) => size.kinds[kind])
        .map(({ messages, kinds: measured }) => {
          const { alone, loaded } = measured[kind];
          const band = (name: string) => alone.bands[name]?.p99 ?? '-';
          return (
            `| ${kind} | ${messages} | ${alone.latency.p50} / ${alone.latency.p99} / ${alone.latency.max} | ` +
            `${band('rare')} / ${band('medium')} / ${band('common')} | ${alone.meanItems} | ` +
            `${loaded.queriesPerSec} | ${loaded.latency.p50} / ${loaded.latency.p99} | ` +
            `${loaded.serverCpuMsPerQuery} / ${loaded.databaseCpuMsPerQuery} |`
          );
        }),
    ),
  ];
}

function targetRows(sizes: SearchSize[]): string[] {
  const [base, top] = [sizes.at(-2), sizes.at(-1)];
  if (!base || !top || !top.kinds['one-word']) {
    return [];
  }
  const { p99Ms, growth } = SEARCH_TARGET;
  const rows = Object.keys(top.kinds).flatMap((kind) => {
    const [p99, baseP99] = [top.kinds[kind].alone.latency.p99, base.kinds[kind]?.alone.latency.p99];
    const ratio = baseP99 ? p99 / baseP99 : Number.NaN;
    const judged = TARGET_KINDS.includes(kind);
    return [
      `| ${kind} p99 at ${top.messages} <= ${p99Ms} ms | ${p99} ms | ${judged ? met(p99 <= p99Ms) : '(reported)'} |`,
      `| ${kind} p99 at ${top.messages} <= ${growth}x p99 at ${base.messages} | ${ratio.toFixed(2)}x (${baseP99} ms) | ` +
        `${judged ? met(ratio <= growth) : '(reported)'} |`,
    ];
  });
  const full = top.messages === SEARCH_TARGET.atMessages && base.messages === SEARCH_TARGET.baseMessages;
  return [
    '',
    full
      ? '| target (queries timed alone) | figure | |'
      : `| target (quick sizes: indicative; the issue's are at ${SEARCH_TARGET.atMessages} and ${SEARCH_TARGET.baseMessages}) | figure | |`,
    '|---|---|---|',
    ...rows,
  ];
}

export function searchSection(search: SearchResult | undefined): string[] {
  if (!search) {
    return [];
  }
  const title = '## Search: one-word, two-word and prefix queries over a blind index';
  if ('skipped' in search) {
    return [title, '', `Skipped: ${search.skipped}.`, ''];
  }
  return [
    title,
    '',
    `A searcher in ${search.conversations} conversations; a corpus of ${search.vocabulary} words with Zipf frequencies ` +
      `(seed ${search.seed}); seeding: ${search.seeding}. Queries over HTTP from the generator: each alone, then ` +
      `${search.loadedConcurrency} at a time; a third from each band (ranks 1-50 common, 201-2,000 medium, 5,001+ rare). ` +
      `Targets: one- and two-word p99 <= ${SEARCH_TARGET.p99Ms} ms at ${SEARCH_TARGET.atMessages} messages, and at most ` +
      `${SEARCH_TARGET.growth}x the p99 at ${SEARCH_TARGET.baseMessages}.`,
    '',
    ...seedingRows(search.sizes),
    '',
    ...queryRows(search.sizes, search.loadedConcurrency),
    ...targetRows(search.sizes),
    '',
  ];
}
