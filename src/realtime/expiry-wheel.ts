/**
 * Deadlines for many items at one-second resolution: items are kept in per-second buckets and one timer
 * ticks every second, so an item costs a set entry rather than a timer of its own (9,000 sockets with
 * distinct token expiries would otherwise hold 9,000 timers, each in a timer list of its own duration).
 * An item expires in the first tick at or after its deadline.
 */
export class ExpiryWheel<T> {
  private readonly buckets = new Map<number, Set<T>>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly onExpire: (item: T) => void) {}

  add(item: T, deadline: number): void {
    const second = bucketOf(deadline);
    let bucket = this.buckets.get(second);
    if (!bucket) {
      bucket = new Set();
      this.buckets.set(second, bucket);
    }
    bucket.add(item);
    this.timer ??= setInterval(() => this.tick(Date.now()), 1000).unref();
  }

  /** `deadline` must be the one the item was added with. */
  remove(item: T, deadline: number): void {
    const second = bucketOf(deadline);
    const bucket = this.buckets.get(second);
    if (bucket?.delete(item) && bucket.size === 0) {
      this.buckets.delete(second);
    }
  }

  tick(now: number): void {
    for (const [second, bucket] of this.buckets) {
      if (second * 1000 <= now) {
        this.buckets.delete(second);
        bucket.forEach((item) => this.onExpire(item));
      }
    }
    if (this.buckets.size === 0) {
      this.stop();
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

function bucketOf(deadline: number): number {
  return Math.ceil(deadline / 1000);
}
