/** Documents deleted per command, so one sweep never holds the database with a huge delete. */
const BATCH_SIZE = 500;
/** Batches per sweep: a backlog (retention shortened, sweeps missed) is worked off over several sweeps. */
const MAX_BATCHES = 100;

/**
 * Runs `deleteBatch` (which deletes at most `limit` documents and answers how many it did) until a batch
 * comes back short or the sweep's share is done; answers how many went in all.
 */
export async function deleteInBatches(deleteBatch: (limit: number) => Promise<number>): Promise<number> {
  let deleted = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const count = await deleteBatch(BATCH_SIZE);
    deleted += count;
    if (count < BATCH_SIZE) {
      break;
    }
  }
  return deleted;
}
