import DataLoader from 'dataloader';

const MAX_BATCH = 500;

/**
 * A DataLoader (no memoising: every call reads fresh data) whose batches adapt to load: keys asked for
 * while a batch runs are gathered and read together by the next batch, so N concurrent reads of one kind
 * (sockets connecting at once, say) cost about one query per database round trip instead of N. An idle
 * loader waits only for the current turn of the event loop.
 */
export function batchLoader<K, V>(
  load: (keys: readonly K[]) => Promise<ReadonlyMap<K, V>>,
  missing: (key: K) => V,
): DataLoader<K, V, K> {
  let running: Promise<unknown> | null = null;
  return new DataLoader<K, V, K>(
    (keys) => {
      const batch = load(keys);
      running = batch;
      const settled = () => {
        if (running === batch) {
          running = null;
        }
      };
      batch.then(settled, settled);
      return batch.then((found) => keys.map((key) => (found.has(key) ? found.get(key)! : missing(key))));
    },
    {
      cache: false,
      maxBatchSize: MAX_BATCH,
      batchScheduleFn: (dispatch) => {
        const start = () => setImmediate(dispatch);
        void (running ? running.then(start, start) : start());
      },
    },
  );
}
