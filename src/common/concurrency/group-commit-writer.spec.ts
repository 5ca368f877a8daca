import { GroupCommitWriter, keepHighest, Outcomes } from './group-commit-writer';
import { KeyedQueue } from './keyed-queue';

const written = (values: unknown[]): Outcomes => values.map(() => undefined);

describe('GroupCommitWriter', () => {
  it('writes the keys written in one tick in one flush', async () => {
    const flushes: string[][] = [];
    const writer = new GroupCommitWriter<string>(
      new KeyedQueue(),
      (_, next) => next,
      async (values) => {
        flushes.push(values);
        return written(values);
      },
    );
    await Promise.all([writer.write('a', 'a1'), writer.write('b', 'b1'), writer.write('c', 'c1')]);
    expect(flushes).toEqual([['a1', 'b1', 'c1']]);
  });

  it('merges what is written for a key while a flush of it runs into its next flush; other keys go on', async () => {
    const flushes: number[][][] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const writer = new GroupCommitWriter<number[]>(
      new KeyedQueue(),
      (waiting, next) => [...waiting, ...next],
      async (values) => {
        flushes.push(values);
        if (flushes.length === 1) {
          await gate;
        }
        return written(values);
      },
    );
    const first = writer.write('a', [1]);
    await Promise.resolve();
    await Promise.resolve();
    // The first flush of `a` runs: `a` waits for it, `b` does not.
    const later = [writer.write('a', [2]), writer.write('b', [10]), writer.write('a', [3])];
    await new Promise((resolve) => setImmediate(resolve));
    expect(flushes).toEqual([[[1]], [[10]]]);
    release();
    await Promise.all([first, ...later]);
    expect(flushes).toEqual([[[1]], [[10]], [[2, 3]]]);
  });

  it('runs up to maxInFlight flushes at once, then batches what waits for a free one', async () => {
    const flushes: string[][] = [];
    const gates: Array<() => void> = [];
    const writer = new GroupCommitWriter<string>(
      new KeyedQueue(),
      (_, next) => next,
      async (values) => {
        flushes.push(values);
        await new Promise<void>((resolve) => gates.push(resolve));
        return written(values);
      },
      { maxInFlight: 2, maxBatch: 10 },
    );
    const tick = () => new Promise((resolve) => setImmediate(resolve));
    const writes = [writer.write('a', 'a'), writer.write('b', 'b')];
    await tick();
    writes.push(writer.write('c', 'c'));
    await tick();
    writes.push(writer.write('d', 'd'), writer.write('e', 'e'));
    await tick();
    expect(flushes).toEqual([['a', 'b'], ['c']]);
    gates.shift()!();
    await tick();
    expect(flushes).toEqual([['a', 'b'], ['c'], ['d', 'e']]);
    gates.splice(0).forEach((release) => release());
    await Promise.all(writes);
  });

  it('waits for other writes of its keys in the queue before flushing', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    let release!: () => void;
    const busy = queue.run('a', () => new Promise<void>((resolve) => (release = resolve)));
    const writer = new GroupCommitWriter<string>(
      queue,
      (_, next) => next,
      async (values) => {
        log.push(`flush ${values.join(',')}`);
        return written(values);
      },
    );
    const write = writer.write('a', 'x');
    await new Promise((resolve) => setTimeout(resolve, 5));
    log.push('released');
    release();
    await Promise.all([busy, write]);
    expect(log).toEqual(['released', 'flush x']);
  });

  it('settles each caller with its own outcome, and rejects every caller of a failed flush', async () => {
    let fail = false;
    const writer = new GroupCommitWriter<string>(
      new KeyedQueue(),
      (_, next) => next,
      async (values) => {
        if (fail) {
          throw new Error('down');
        }
        return values.map((value) => (value === 'bad' ? new Error('rejected') : undefined));
      },
    );
    const some = await Promise.allSettled([writer.write('a', 'good'), writer.write('b', 'bad')]);
    expect(some.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    fail = true;
    const all = await Promise.allSettled([writer.write('a', 'good'), writer.write('b', 'good')]);
    expect(all.map((r) => r.status)).toEqual(['rejected', 'rejected']);
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
