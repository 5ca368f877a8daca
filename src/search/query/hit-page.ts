import { KeyedEntry } from './entry-merge';

export interface HitPage<T> {
  hits: T[];
  /** The entry the next page starts below, or null when no entry is left to examine. */
  next: string | null;
}

/**
 * One page of hits from a stream of candidate entries, newest first: candidates are confirmed in batches (a
 * little more than the hits still wanted, read in parallel) until `limit` are confirmed or `maxCandidates`
 * were examined, so a query whose terms co-occur without matching (a phrase out of order) costs a bounded
 * amount per page. The page ends at its last hit when it is full (later candidates of the batch are examined
 * again on the next page), else at the last candidate examined.
 */
export async function collectHits<K, T>(
  candidates: { next(): Promise<KeyedEntry<K> | null> },
  confirm: (batch: ReadonlyArray<KeyedEntry<K>>) => Promise<Array<T | null>>,
  { limit, maxCandidates }: { limit: number; maxCandidates: number },
): Promise<HitPage<T>> {
  const hits: T[] = [];
  let examined = 0;
  for (;;) {
    const wanted = limit - hits.length;
    const size = Math.min(wanted + Math.ceil(wanted / 4), maxCandidates - examined);
    const batch: Array<KeyedEntry<K>> = [];
    for (let next = await candidates.next(); next !== null;) {
      batch.push(next);
      next = batch.length < size ? await candidates.next() : null;
    }
    const confirmed = await confirm(batch);
    for (const [index, hit] of confirmed.entries()) {
      examined += 1;
      if (hit !== null) {
        hits.push(hit);
      }
      if (hits.length === limit) {
        const more = index < batch.length - 1 || (await candidates.next()) !== null;
        return { hits, next: more ? batch[index].entry : null };
      }
    }
    if (batch.length < size) {
      return { hits, next: null };
    }
    if (examined >= maxCandidates) {
      return { hits, next: (await candidates.next()) === null ? null : batch[batch.length - 1].entry };
    }
  }
}
