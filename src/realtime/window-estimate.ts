/**
 * How many events one user has spent in a fixed window, as far as this instance knows: the events it admitted
 * itself, and the events of other instances that the shared counter reported. This instance's counts reach
 * the counter in the order it admitted them, so the total after its n-th event holds its first n events and
 * every other event counted before them. Exact for the events of one instance; events reaching other
 * instances count here once a total comes back.
 */
export class WindowEstimate {
  private window = Number.NaN;
  private admitted = 0;
  private others = 0;

  /** Whether one more event in `window` would stay within `limit`. */
  allows(window: number, limit: number): boolean {
    return (window === this.window ? this.admitted + this.others : 0) < limit;
  }

  /** Counts one event in `window`; returns its place among this instance's events there (from 1). */
  admit(window: number): number {
    if (window !== this.window) {
      this.window = window;
      this.admitted = 0;
      this.others = 0;
    }
    this.admitted += 1;
    return this.admitted;
  }

  /** The shared counter's total after this instance's `place`-th event of `window`. */
  report(window: number, place: number, total: number): void {
    if (window === this.window) {
      this.others = Math.max(this.others, total - place);
    }
  }
}
