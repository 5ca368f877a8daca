import fc from 'fast-check';
import { Ceiling } from './entry-source';
import { EntryIntersection } from './entry-intersection';
import { EntryMerge, KeyedEntry } from './entry-merge';
import { LazyChunk, PostingStream } from './posting-stream';

async function drain<K>(merge: EntryMerge<K>): Promise<Array<KeyedEntry<K>>> {
  const out: Array<KeyedEntry<K>> = [];
  for (let next = await merge.next(); next !== null; next = await merge.next()) {
    out.push(next);
  }
  return out;
}

const stream = (entries: string[]) => new PostingStream(entries, [], null);

describe('EntryMerge', () => {
  it('reads several sources as one stream, newest first, each entry with its key', async () => {
    const merge = new EntryMerge(
      [
        { key: 'one', source: stream(['a', 'd', 'f']) },
        { key: 'two', source: stream([]) },
        { key: 'three', source: stream(['b', 'e']) },
      ],
      null,
    );
    expect(await drain(merge)).toEqual([
      { key: 'one', entry: 'f' },
      { key: 'three', entry: 'e' },
      { key: 'one', entry: 'd' },
      { key: 'three', entry: 'b' },
      { key: 'one', entry: 'a' },
    ]);
  });

  it('starts below the start ceiling', async () => {
    const merge = new EntryMerge([{ key: 1, source: stream(['a', 'b', 'c']) }], {
      entry: 'c',
      inclusive: false,
    });
    expect((await drain(merge)).map(({ entry }) => entry)).toEqual(['b', 'a']);
  });

  it('reads no further than the entries handed out', async () => {
    const reads: string[] = [];
    const lazy: LazyChunk = {
      min: 'a',
      max: 'b',
      load: () => {
        reads.push('ab');
        return Promise.resolve(['a', 'b']);
      },
    };
    const merge = new EntryMerge([{ key: 1, source: new PostingStream(['c'], [lazy], null) }], null);
    expect(await merge.next()).toEqual({ key: 1, entry: 'c' });
    expect(reads).toEqual([]);
  });

  it('pages to the same entries as one pass, and matches a plain filter of every entry', async () => {
    // Random conversations, each with tokens whose entries are split across a head and overlapping chunks.
    const entry = fc.integer({ min: 0, max: 60 }).map((n) => n.toString(36).padStart(2, '0'));
    const token = fc.record({
      entries: fc.uniqueArray(entry, { maxLength: 30 }),
      cuts: fc.array(fc.nat(), { maxLength: 5 }),
    });
    // Entries name their message, so no two conversations share one: each key ends its own.
    const conversations = fc
      .array(fc.array(token, { minLength: 1, maxLength: 3 }), { maxLength: 4 })
      .map((all) =>
        all.map((tokens, key) => tokens.map((t) => ({ ...t, entries: t.entries.map((e) => `${e}${key}`) }))),
      );
    await fc.assert(
      fc.asyncProperty(conversations, fc.nat({ max: 6 }), async (shape, pageSize) => {
        const build = (start: Ceiling | null) =>
          new EntryMerge(
            shape.map((tokens, key) => ({
              key,
              source: new EntryIntersection(tokens.map((t) => splitIntoChunks(t.entries, t.cuts))),
            })),
            start,
          );
        const expected = shape
          .flatMap((tokens, key) =>
            tokens[0].entries
              .filter((e) => tokens.every((t) => t.entries.includes(e)))
              .map((e) => ({ key, entry: e })),
          )
          .sort((a, b) => (a.entry < b.entry ? 1 : -1));
        expect(await drain(build(null))).toEqual(expected);
        // Paging restarts from the last entry taken, as a cursor does.
        const paged: Array<KeyedEntry<number>> = [];
        let start: Ceiling | null = null;
        for (;;) {
          const merge = build(start);
          const page: Array<KeyedEntry<number>> = [];
          for (let i = 0; i <= pageSize; i += 1) {
            const next = await merge.next();
            if (next) {
              page.push(next);
            }
          }
          paged.push(...page);
          if (page.length <= pageSize) {
            break;
          }
          start = { entry: page.at(-1)!.entry, inclusive: false };
        }
        expect(paged).toEqual(expected);
      }),
      { seed: 32, numRuns: 200 },
    );
  });
});

/**
 * Entries as postings hold them: in arrival order (so sealed chunks overlap in range), cut into chunks at
 * the given points, the rest in the head.
 */
function splitIntoChunks(entries: readonly string[], cuts: readonly number[]): PostingStream {
  const points = [...new Set(cuts.map((cut) => cut % (entries.length + 1)))].sort((a, b) => a - b);
  const chunks: LazyChunk[] = [];
  let from = 0;
  for (const point of points) {
    const part = entries.slice(from, point).sort();
    if (part.length > 0) {
      chunks.push({ min: part[0], max: part.at(-1)!, load: () => Promise.resolve(part) });
    }
    from = Math.max(from, point);
  }
  return new PostingStream(entries.slice(from), chunks, null);
}
