import { Ceiling, EntrySource } from './entry-source';

/**
 * The entries every source holds (AND of a query's tokens in one conversation), newest first. Leapfrog: the
 * first source proposes its newest entry, each other source seeks to it, and any that has none there lowers
 * the ceiling to what it has instead, so sources skip (and leave unread) what the others exclude.
 */
export class EntryIntersection implements EntrySource {
  constructor(private readonly sources: readonly EntrySource[]) {
    if (sources.length === 0) {
      throw new Error('An intersection needs at least one source');
    }
  }

  async seek(ceiling: Ceiling | null): Promise<string | null> {
    const [first, ...others] = this.sources;
    let bound = ceiling;
    for (;;) {
      const proposed = await first.seek(bound);
      if (proposed === null) {
        return null;
      }
      let agreed = true;
      for (const other of others) {
        const found = await other.seek({ entry: proposed, inclusive: true });
        if (found === null) {
          return null;
        }
        if (found !== proposed) {
          bound = { entry: found, inclusive: true };
          agreed = false;
          break;
        }
      }
      if (agreed) {
        return proposed;
      }
    }
  }
}
