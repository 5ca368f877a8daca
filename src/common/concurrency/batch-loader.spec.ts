import { batchLoader } from './batch-loader';

describe('batchLoader', () => {
  it('reads the keys asked for while a batch runs together in the next batch', async () => {
    const batches: string[][] = [];
    const gates: Array<() => void> = [];
    const loader = batchLoader<string, string>(
      async (keys) => {
        batches.push([...keys]);
        await new Promise<void>((release) => gates.push(release));
        return new Map(keys.map((key) => [key, key.toUpperCase()]));
      },
      () => 'missing',
    );
    const first = loader.load('a');
    await new Promise((done) => setImmediate(done));
    const later = ['b', 'c', 'd'].map((key) => loader.load(key));
    await new Promise((done) => setTimeout(done, 10));
    expect(batches).toEqual([['a']]);
    gates.shift()!();
    await expect(first).resolves.toBe('A');
    await new Promise((done) => setImmediate(done));
    expect(batches).toEqual([['a'], ['b', 'c', 'd']]);
    gates.shift()!();
    await expect(Promise.all(later)).resolves.toEqual(['B', 'C', 'D']);
  });

  it('answers a key the batch did not find with the missing value, and reads again every time', async () => {
    let reads = 0;
    const loader = batchLoader<string, number>(
      (keys) => {
        reads += 1;
        return Promise.resolve(new Map(keys.filter((key) => key !== 'x').map((key) => [key, key.length])));
      },
      () => -1,
    );
    await expect(Promise.all([loader.load('ab'), loader.load('x')])).resolves.toEqual([2, -1]);
    await expect(loader.load('ab')).resolves.toBe(2);
    expect(reads).toBe(2);
  });

  it('rejects every caller of a failed batch, and the next batch runs normally', async () => {
    let fail = true;
    const loader = batchLoader<string, string>(
      (keys) =>
        fail ? Promise.reject(new Error('down')) : Promise.resolve(new Map(keys.map((k) => [k, k]))),
      () => '',
    );
    const results = await Promise.allSettled([loader.load('a'), loader.load('b')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(loader.load('a')).resolves.toBe('a');
  });
});
