/**
 * Holds items until a condition is met, then hands over everything held (in order) and passes later items
 * straight through. Remote ICE candidates wait for the remote description (a browser refuses a candidate
 * before it); local ones wait until the offer or answer they belong to has been sent.
 */
export class SignalQueue<T> {
  private held: T[] = [];
  private open = false;

  constructor(private readonly deliver: (item: T) => void) {}

  push(item: T): void {
    if (this.open) {
      this.deliver(item);
    } else {
      this.held.push(item);
    }
  }

  /** From now on items pass through; the held ones go first. */
  release(): void {
    if (this.open) {
      return;
    }
    this.open = true;
    for (const item of this.held.splice(0)) {
      this.deliver(item);
    }
  }

  /** Drops what is held (the connection they were for is gone). */
  clear(): void {
    this.held = [];
  }

  get size(): number {
    return this.held.length;
  }
}
