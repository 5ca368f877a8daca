import { Ceiling } from './entry-source';
import { LazyChunk, PostingStream } from './posting-stream';

/** Entries are compared as strings; short ones keep the tests readable. */
const chunk = (entries: string[], reads: string[] = [], name = entries.join('')): LazyChunk => ({
  min: [...entries].sort()[0],
  max: [...entries].sort().at(-1)!,
  load: () => {
    reads.push(name);
    return Promise.resolve([...entries]);
  },
});
const below = (entry: string): Ceiling => ({ entry, inclusive: false });
const atMost = (entry: string): Ceiling => ({ entry, inclusive: true });

/** Every entry, newest first, by moving past each one. */
async function drain(stream: PostingStream, start: Ceiling | null = null): Promise<string[]> {
  const out: string[] = [];
  let entry = await stream.seek(start);
  while (entry !== null) {
    out.push(entry);
    entry = await stream.seek(below(entry));
  }
  return out;
}

describe('PostingStream', () => {
  it('gives the head and its chunks newest first, each entry once', async () => {
    const stream = new PostingStream(['m', 'c', 'x'], [chunk(['a', 'b', 'd']), chunk(['e', 'f'])], null);
    expect(await drain(stream)).toEqual(['x', 'm', 'f', 'e', 'd', 'c', 'b', 'a']);
  });

  it('keeps an entry held under two keys (a re-index) once', async () => {
    const stream = new PostingStream(['b', 'a', 'b'], [chunk(['a', 'c'])], null);
    expect(await drain(stream)).toEqual(['c', 'b', 'a']);
  });

  it('reads a chunk only when the next entry could be in it', async () => {
    const reads: string[] = [];
    const stream = new PostingStream(['y', 'z'], [chunk(['a', 'b'], reads), chunk(['m', 'n'], reads)], null);
    expect(await stream.seek(null)).toBe('z');
    expect(await stream.seek(below('z'))).toBe('y');
    expect(reads).toEqual([]);
    expect(await stream.seek(below('y'))).toBe('n');
    expect(reads).toEqual(['mn']);
  });

  it('finds an old entry indexed late in a newer, overlapping chunk', async () => {
    // Sealed second: `c` arrived late, so this chunk's range [c, q] overlaps the older one's [b, e].
    const stream = new PostingStream([], [chunk(['b', 'd', 'e']), chunk(['c', 'p', 'q'])], null);
    expect(await drain(stream)).toEqual(['q', 'p', 'e', 'd', 'c', 'b']);
  });

  it('never reads a chunk wholly above the ceiling or below the floor', async () => {
    const reads: string[] = [];
    const stream = new PostingStream(
      ['k'],
      [chunk(['a', 'b'], reads), chunk(['e', 'f'], reads), chunk(['x', 'y'], reads)],
      'd',
    );
    expect(await stream.seek(below('w'))).toBe('k');
    expect(await stream.seek(below('k'))).toBe('f');
    expect(await stream.seek(below('e'))).toBeNull();
    expect(reads).toEqual(['ef']);
  });

  it('stops at the floor, which is inclusive', async () => {
    const stream = new PostingStream(['a', 'b', 'c', 'd'], [], 'b');
    expect(await drain(stream)).toEqual(['d', 'c', 'b']);
  });

  it('answers the same entry again for the same ceiling, and honours inclusive and exclusive ceilings', async () => {
    const stream = new PostingStream(['a', 'c', 'e'], [], null);
    expect(await stream.seek(atMost('d'))).toBe('c');
    expect(await stream.seek(atMost('c'))).toBe('c');
    expect(await stream.seek(below('c'))).toBe('a');
    expect(await stream.seek(below('a'))).toBeNull();
  });
});
