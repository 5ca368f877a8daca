/**
 * The postings changes of one conversation not yet written: per blind token and entry, whether the entry is
 * added (true) or removed (false). A later change of a pair replaces an earlier one, so a message sent then
 * edited within one flush writes only its final tokens, and each pair is written once.
 */
export class PostingChanges {
  private readonly byToken = new Map<string, Map<string, boolean>>();
  private pairs = 0;

  /** How many (token, entry) pairs are pending. */
  get size(): number {
    return this.pairs;
  }

  set(token: string, entry: string, add: boolean): void {
    let entries = this.byToken.get(token);
    if (!entries) {
      entries = new Map();
      this.byToken.set(token, entries);
    }
    if (!entries.has(entry)) {
      this.pairs += 1;
    }
    entries.set(entry, add);
  }

  /** Takes in changes made before these (a failed flush's): a pair changed here since keeps its newer change. */
  absorbOlder(older: PostingChanges): void {
    for (const [token, entries] of older.byToken) {
      for (const [entry, add] of entries) {
        if (!this.byToken.get(token)?.has(entry)) {
          this.set(token, entry, add);
        }
      }
    }
  }

  additions(): Map<string, string[]> {
    return this.select(true);
  }

  removals(): Map<string, string[]> {
    return this.select(false);
  }

  private select(add: boolean): Map<string, string[]> {
    const selected = new Map<string, string[]>();
    for (const [token, entries] of this.byToken) {
      const chosen = [...entries].filter(([, isAdd]) => isAdd === add).map(([entry]) => entry);
      if (chosen.length > 0) {
        selected.set(token, chosen);
      }
    }
    return selected;
  }
}
