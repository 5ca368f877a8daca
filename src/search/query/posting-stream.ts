import { Ceiling, EntrySource, isAbove } from './entry-source';

/** A sealed chunk of a posting: the range of its entries, and how to read them. */
export interface LazyChunk {
  min: string;
  max: string;
  load(): Promise<string[]>;
}

/**
 * One token's entries in one conversation (under every key: the heads' entries and their sealed chunks),
 * newest first, down to `floor` (inclusive; null for none). A chunk is read only when the next entry could
 * be in it: chunks may overlap in range (an old message indexed late lands in a newer chunk), so the next
 * entry is the newest one read only once no unread chunk can hold a newer one. Chunks wholly above a ceiling
 * or below the floor are never read. An entry present under two keys (during a re-index) comes out once.
 */
export class PostingStream implements EntrySource {
  /** Entries read so far and not yet passed, newest first, without duplicates. */
  private ready: string[];
  /** Unread chunks that may hold entries at or above the floor, greatest `max` first. */
  private unread: LazyChunk[];

  constructor(
    headEntries: readonly string[],
    chunks: readonly LazyChunk[],
    private readonly floor: string | null,
  ) {
    this.ready = mergeDescending([], headEntries);
    this.unread = chunks
      .filter((chunk) => floor === null || chunk.max >= floor)
      .sort((a, b) => (a.max < b.max ? 1 : a.max > b.max ? -1 : 0));
  }

  async seek(ceiling: Ceiling | null): Promise<string | null> {
    for (;;) {
      const passed = this.ready.findIndex((entry) => !isAbove(entry, ceiling));
      this.ready = passed === -1 ? [] : this.ready.slice(passed);
      // Ceilings only go down, so a chunk whose every entry lies above this one is never needed.
      this.unread = this.unread.filter((chunk) => !isAbove(chunk.min, ceiling));
      const top = this.ready[0] ?? null;
      const next = this.unread[0];
      if (next && (top === null || next.max > top)) {
        this.unread.shift();
        this.ready = mergeDescending(this.ready, await next.load());
        continue;
      }
      return top !== null && (this.floor === null || top >= this.floor) ? top : null;
    }
  }
}

/** `sorted` (descending, unique) with `more` (any order) merged in, descending, duplicates dropped. */
function mergeDescending(sorted: readonly string[], more: readonly string[]): string[] {
  const all = [...sorted, ...more].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  return all.filter((entry, index) => index === 0 || entry !== all[index - 1]);
}
