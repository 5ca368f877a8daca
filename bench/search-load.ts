/**
 * Runs in the generator (core 1): search queries against `GET /api/v1/search/messages`, timed from the
 * request to the parsed body. `concurrency: 1` times each query alone (its own cost); more measures the
 * queries per second the server sustains, with the latency that includes waiting behind the others.
 */
import { newHistogram, summarize, LatencySummary } from './stats';

export interface SearchLoadSpec {
  apiUrl: string;
  token: string;
  queries: Array<{ q: string; band: string }>;
  concurrency: number;
  /** With it, queries cycle until it has passed; without, each query runs once. */
  durationMs?: number;
}

export interface SearchLoadResult {
  queries: number;
  queriesPerSec: number;
  latency: LatencySummary;
  /** Latency of each band's queries. */
  bands: Record<string, LatencySummary>;
  /** Mean items on the first page (limit 20). */
  meanItems: number;
  errors: number;
  firstError?: string;
}

export async function searchLoad(spec: SearchLoadSpec): Promise<SearchLoadResult> {
  const all = newHistogram();
  const bands = new Map(spec.queries.map(({ band }) => [band, newHistogram()]));
  let [done, items, errors] = [0, 0, 0];
  let firstError: string | undefined;
  let next = 0;
  const started = performance.now();
  const deadline = spec.durationMs === undefined ? undefined : started + spec.durationMs;
  const more = () => (deadline === undefined ? next < spec.queries.length : performance.now() < deadline);
  const worker = async () => {
    while (more()) {
      const { q, band } = spec.queries[next++ % spec.queries.length];
      const sent = performance.now();
      try {
        const response = await fetch(
          `${spec.apiUrl}/api/v1/search/messages?q=${encodeURIComponent(q)}&limit=20`,
          { headers: { authorization: `Bearer ${spec.token}` } },
        );
        const body = (await response.json()) as { items?: unknown[] };
        if (!response.ok || !Array.isArray(body.items)) {
          throw new Error(`${q} -> ${response.status}: ${JSON.stringify(body).slice(0, 200)}`);
        }
        const micros = Math.max(1, Math.round((performance.now() - sent) * 1000));
        all.recordValue(micros);
        bands.get(band)?.recordValue(micros);
        items += body.items.length;
        done += 1;
      } catch (error) {
        errors += 1;
        firstError ??= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: spec.concurrency }, worker));
  const elapsedMs = performance.now() - started;
  return {
    queries: done,
    queriesPerSec: Math.round((done / elapsedMs) * 10_000) / 10,
    latency: summarize(all),
    bands: Object.fromEntries([...bands].map(([band, histogram]) => [band, summarize(histogram)])),
    meanItems: done > 0 ? Math.round((items / done) * 10) / 10 : 0,
    errors,
    firstError,
  };
}
