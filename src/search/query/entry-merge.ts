import { Ceiling, EntrySource } from './entry-source';

export interface KeyedEntry<K> {
  key: K;
  entry: string;
}

interface Head<K> {
  key: K;
  source: EntrySource;
  entry: string;
}

/**
 * Several keyed sources (one per conversation) read as one stream, newest first, starting below `start`.
 * Each source's current entry is known; `next` hands out the newest of them, and the source it came from
 * moves past it on the following call (so stopping after an entry reads nothing more). Sources hold distinct
 * entries (an entry names its message), so no tie needs breaking.
 */
export class EntryMerge<K> {
  private heads: Array<Head<K>> | undefined;
  private taken: Head<K> | undefined;

  constructor(
    private readonly sources: ReadonlyArray<{ key: K; source: EntrySource }>,
    private readonly start: Ceiling | null,
  ) {}

  async next(): Promise<KeyedEntry<K> | null> {
    const heads = (this.heads ??= await this.first());
    if (this.taken) {
      const { source, entry } = this.taken;
      const following = await source.seek({ entry, inclusive: false });
      if (following !== null) {
        heads.push({ ...this.taken, entry: following });
      }
      this.taken = undefined;
    }
    let newest = -1;
    heads.forEach((head, index) => {
      if (newest === -1 || head.entry > heads[newest].entry) {
        newest = index;
      }
    });
    if (newest === -1) {
      return null;
    }
    [this.taken] = heads.splice(newest, 1);
    return { key: this.taken.key, entry: this.taken.entry };
  }

  private async first(): Promise<Array<Head<K>>> {
    const entries = await Promise.all(this.sources.map(({ source }) => source.seek(this.start)));
    return this.sources.flatMap(({ key, source }, index) => {
      const entry = entries[index];
      return entry === null ? [] : [{ key, source, entry }];
    });
  }
}
