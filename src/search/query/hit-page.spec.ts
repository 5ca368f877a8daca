import { KeyedEntry } from './entry-merge';
import { collectHits } from './hit-page';

/** Candidates `e99`, `e98`, ... (newest first) counting how many were taken. */
function candidates(count: number) {
  const entries = Array.from({ length: count }, (_, i) => `e${String(99 - i).padStart(2, '0')}`);
  const stream = {
    taken: 0,
    next: () =>
      Promise.resolve(stream.taken < entries.length ? { key: 'c', entry: entries[stream.taken++] } : null),
  };
  return stream;
}

/** Confirms the entries `hit` accepts, recording every batch's size. */
const confirmer = (hit: (entry: string) => boolean, batches: number[] = []) => ({
  batches,
  confirm: (batch: ReadonlyArray<KeyedEntry<string>>) => {
    batches.push(batch.length);
    return Promise.resolve(batch.map(({ entry }) => (hit(entry) ? entry : null)));
  },
});
const even = (entry: string) => Number(entry.slice(1)) % 2 === 0;

describe('collectHits', () => {
  it('stops at `limit` hits and continues below the last one', async () => {
    const { confirm } = confirmer(even);
    const page = await collectHits(candidates(20), confirm, { limit: 3, maxCandidates: 500 });
    expect(page).toEqual({ hits: ['e98', 'e96', 'e94'], next: 'e94' });
  });

  it('has no next page once the candidates run out', async () => {
    const { confirm } = confirmer(even);
    expect(await collectHits(candidates(5), confirm, { limit: 10, maxCandidates: 500 })).toEqual({
      hits: ['e98', 'e96'],
      next: null,
    });
  });

  it('has no next page when the last candidate filled it', async () => {
    const { confirm } = confirmer(() => true);
    expect(await collectHits(candidates(3), confirm, { limit: 3, maxCandidates: 500 })).toEqual({
      hits: ['e99', 'e98', 'e97'],
      next: null,
    });
  });

  it('examines at most `maxCandidates` and continues below the last examined', async () => {
    const stream = candidates(100);
    const { confirm, batches } = confirmer(() => false);
    const page = await collectHits(stream, confirm, { limit: 4, maxCandidates: 12 });
    expect(page).toEqual({ hits: [], next: 'e88' });
    expect(batches.reduce((sum, size) => sum + size, 0)).toBe(12);
  });

  it('confirms in batches a little larger than the hits still wanted', async () => {
    const { confirm, batches } = confirmer((entry) => entry <= 'e90');
    await collectHits(candidates(100), confirm, { limit: 8, maxCandidates: 500 });
    // The first batch (e99..e90) holds one hit; the second asks for the 7 still wanted and a quarter more.
    expect(batches).toEqual([10, 9]);
  });
});
