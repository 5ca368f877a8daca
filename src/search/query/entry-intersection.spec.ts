import { Ceiling } from './entry-source';
import { EntryIntersection } from './entry-intersection';
import { LazyChunk, PostingStream } from './posting-stream';

const below = (entry: string): Ceiling => ({ entry, inclusive: false });

async function drain(intersection: EntryIntersection, start: Ceiling | null = null): Promise<string[]> {
  const out: string[] = [];
  let entry = await intersection.seek(start);
  while (entry !== null) {
    out.push(entry);
    entry = await intersection.seek(below(entry));
  }
  return out;
}

describe('EntryIntersection', () => {
  it('gives the entries every source holds, newest first', async () => {
    const both = new EntryIntersection([
      new PostingStream(['a', 'c', 'e', 'g', 'h'], [], null),
      new PostingStream(['b', 'c', 'd', 'g', 'z'], [], null),
      new PostingStream(['c', 'g', 'h', 'z'], [], null),
    ]);
    expect(await drain(both)).toEqual(['g', 'c']);
  });

  it('starts below the ceiling given', async () => {
    const both = new EntryIntersection([
      new PostingStream(['a', 'c', 'e'], [], null),
      new PostingStream(['a', 'c', 'e'], [], null),
    ]);
    expect(await drain(both, below('e'))).toEqual(['c', 'a']);
  });

  it('leaves unread the chunks of one token that the other token skips past', async () => {
    const reads: string[] = [];
    const chunk = (entries: string[]): LazyChunk => ({
      min: entries[0],
      max: entries.at(-1)!,
      load: () => {
        reads.push(entries.join(''));
        return Promise.resolve(entries);
      },
    });
    // A common word (many chunks) and a rare one (two entries): only the chunks holding the rare word's
    // entries are read.
    const common = new PostingStream(
      ['x', 'y'],
      [chunk(['a', 'b']), chunk(['c', 'd']), chunk(['e', 'f']), chunk(['g', 'h'])],
      null,
    );
    const rare = new PostingStream(['b', 'y'], [], null);
    expect(await drain(new EntryIntersection([rare, common]))).toEqual(['y', 'b']);
    expect(reads).toEqual(['ab']);
  });

  it('is empty when one source is', async () => {
    const none = new EntryIntersection([new PostingStream(['a'], [], null), new PostingStream([], [], null)]);
    expect(await drain(none)).toEqual([]);
  });
});
