import { KeyedQueue } from './keyed-queue';

/**
 * Writes per key through a KeyedQueue, merging every value submitted while that key's write waits in the
 * queue into one write: a burst of N updates of one document costs one round trip, not N. Each caller's
 * promise settles with the write that carried its value.
 */
export class CoalescingWriter<V> {
  private readonly pending = new Map<string, { value: V; done: Promise<void> }>();

  constructor(
    private readonly queue: KeyedQueue,
    private readonly merge: (queued: V, next: V) => V,
    private readonly flush: (value: V) => Promise<void>,
  ) {}

  write(key: string, value: V): Promise<void> {
    const queued = this.pending.get(key);
    if (queued) {
      queued.value = this.merge(queued.value, value);
      return queued.done;
    }
    const entry = { value, done: Promise.resolve() };
    this.pending.set(key, entry);
    entry.done = this.queue.run(key, () => {
      // From here on, new values queue a write of their own behind this one.
      this.pending.delete(key);
      return this.flush(entry.value);
    });
    return entry.done;
  }
}

/** A merge for forward-only positions (key -> seq): each key keeps the higher of the two. */
export function keepHighest(
  queued: Map<string, number>,
  next: ReadonlyMap<string, number>,
): Map<string, number> {
  next.forEach((seq, key) => queued.set(key, Math.max(seq, queued.get(key) ?? 0)));
  return queued;
}
