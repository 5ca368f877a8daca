import { CoalescingWriter, keepHighest } from './coalescing-writer';
import { KeyedQueue } from './keyed-queue';

describe('CoalescingWriter', () => {
  it('merges the values submitted while a write of the same key waits into one write', async () => {
    const flushed: number[][] = [];
    let release!: () => void;
    const blocker = new Promise<void>((resolve) => (release = resolve));
    const queue = new KeyedQueue();
    const writer = new CoalescingWriter<number[]>(
      queue,
      (queued, next) => [...queued, ...next],
      async (value) => {
        flushed.push(value);
      },
    );
    const busy = queue.run('k', () => blocker);
    const writes = [writer.write('k', [1]), writer.write('k', [2]), writer.write('k', [3])];
    release();
    await Promise.all([busy, ...writes]);
    expect(flushed).toEqual([[1, 2, 3]]);
  });

  it('queues a value submitted during a running write for a write of its own', async () => {
    const flushed: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const writer = new CoalescingWriter<number[]>(
      new KeyedQueue(),
      (queued, next) => [...queued, ...next],
      async (value) => {
        flushed.push(value);
        if (value[0] === 1) {
          await gate;
        }
      },
    );
    const first = writer.write('k', [1]);
    await Promise.resolve();
    const second = writer.write('k', [2]);
    release();
    await Promise.all([first, second]);
    expect(flushed).toEqual([[1], [2]]);
  });

  it('rejects every caller whose value was in a failed write', async () => {
    const queue = new KeyedQueue();
    const writer = new CoalescingWriter<number>(queue, Math.max, () => Promise.reject(new Error('down')));
    const busy = queue.run('k', () => Promise.resolve());
    const results = await Promise.allSettled([writer.write('k', 1), writer.write('k', 2)]);
    await busy;
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('keepHighest merges positions so that each key keeps its highest seq', () => {
    const merged = keepHighest(
      new Map([
        ['a', 5],
        ['b', 2],
      ]),
      new Map([
        ['a', 3],
        ['b', 7],
        ['c', 1],
      ]),
    );
    expect(Object.fromEntries(merged)).toEqual({ a: 5, b: 7, c: 1 });
  });
});
