import type { Job } from 'bullmq';

/**
 * The retry discipline of every push job: the first attempt picks the subscriptions (`pick`, unless the job
 * came with them) and stores their ids in the job before pushing, so a retry never pushes a device twice;
 * each attempt pushes only those still pending and writes back the ones worth another attempt (429, 5xx,
 * network) before failing into BullMQ's backoff.
 */
export async function pushPending<D extends { pending?: string[] }>(
  job: Job<D>,
  pick: () => Promise<string[]>,
  push: (subscriptionIds: readonly string[]) => Promise<string[]>,
): Promise<void> {
  let pending = job.data.pending;
  if (!pending) {
    pending = await pick();
    if (pending.length === 0) {
      return;
    }
    await job.updateData({ ...job.data, pending });
  }
  const retry = await push(pending);
  if (retry.length > 0) {
    await job.updateData({ ...job.data, pending: retry });
    throw new Error(`${retry.length} of ${pending.length} pushes failed; retrying those`);
  }
}
