import { KeyedQueue } from './keyed-queue';

/** What one flush reports for each value it was given: its error, or undefined when it was written. */
export type Outcomes = ReadonlyArray<Error | undefined>;

interface Waiting<V> {
  value: V;
  done: Promise<void>;
  settle: (error: Error | undefined) => void;
}

/**
 * Group commit for keyed writes. A value written for a key that already waits is merged into the waiting
 * one, and a key waits while a flush of it runs. Up to `maxInFlight` flushes run at once; while all of them
 * are busy, writes wait, and the next flush to start takes every key waiting (up to `maxBatch`): under load
 * a burst of writes to many documents costs one database round trip instead of one each, and batches grow
 * with the load, while a quiet server writes each value at once. Each flush also holds its keys in the
 * KeyedQueue, so no other write of those keys runs meanwhile. Each caller's promise settles with the flush
 * that carried its value.
 */
export class GroupCommitWriter<V> {
  private readonly waiting = new Map<string, Waiting<V>>();
  /** Keys of the running flushes. */
  private readonly flushing = new Set<string>();
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly queue: KeyedQueue,
    private readonly merge: (waiting: V, next: V) => V,
    private readonly flush: (values: V[]) => Promise<Outcomes>,
    private readonly limits = { maxInFlight: 2, maxBatch: 500 },
  ) {}

  write(key: string, value: V): Promise<void> {
    const waiting = this.waiting.get(key);
    if (waiting) {
      waiting.value = this.merge(waiting.value, value);
      return waiting.done;
    }
    let settle!: (error: Error | undefined) => void;
    const done = new Promise<void>((resolve, reject) => {
      settle = (error) => (error === undefined ? resolve() : reject(error));
    });
    this.waiting.set(key, { value, done, settle });
    this.schedule();
    return done;
  }

  private schedule(): void {
    if (!this.scheduled && this.inFlight < this.limits.maxInFlight) {
      this.scheduled = true;
      // Writes made in the same tick as this one join its flush.
      queueMicrotask(() => this.startFlushes());
    }
  }

  private startFlushes(): void {
    this.scheduled = false;
    while (this.inFlight < this.limits.maxInFlight) {
      const batch: Array<[string, Waiting<V>]> = [];
      for (const entry of this.waiting) {
        if (!this.flushing.has(entry[0])) {
          batch.push(entry);
          if (batch.length === this.limits.maxBatch) {
            break;
          }
        }
      }
      if (batch.length === 0) {
        return;
      }
      batch.forEach(([key]) => {
        this.waiting.delete(key);
        this.flushing.add(key);
      });
      this.inFlight += 1;
      void this.flushBatch(batch).finally(() => {
        this.inFlight -= 1;
        batch.forEach(([key]) => this.flushing.delete(key));
        if (this.waiting.size > 0) {
          this.schedule();
        }
      });
    }
  }

  private async flushBatch(batch: Array<[string, Waiting<V>]>): Promise<void> {
    const entries = batch.map(([, entry]) => entry);
    try {
      const outcomes = await this.queue.runAll(
        batch.map(([key]) => key),
        () => this.flush(entries.map((entry) => entry.value)),
      );
      entries.forEach((entry, index) => entry.settle(outcomes[index]));
    } catch (error) {
      entries.forEach((entry) => entry.settle(asError(error)));
    }
  }
}

export const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/** A merge for forward-only positions (key -> seq): each key keeps the higher of the two. */
export function keepHighest(
  queued: Map<string, number>,
  next: ReadonlyMap<string, number>,
): Map<string, number> {
  next.forEach((seq, key) => queued.set(key, Math.max(seq, queued.get(key) ?? 0)));
  return queued;
}
