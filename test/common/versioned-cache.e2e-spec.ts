import Redis from 'ioredis';
import { VersionedCache } from '../../src/common/cache/versioned-cache';
import { testEnv, uniqueName } from '../support/test-app';

/** The cache behind membership checks, against a real redis-server. */
describe('VersionedCache', () => {
  let redis: Redis;
  let data: string;
  let loads: number;
  let cache: VersionedCache<string>;
  let prefix: string;

  beforeAll(() => {
    redis = new Redis(testEnv().REDIS_URL);
  });
  afterAll(() => redis.quit());

  /** A cache of `data` whose versions live in the given Redis; `loads` counts its loads. */
  const loadsOf = new Map<string, number>();
  const cacheOver = (client: Redis, options: { maxAgeMs?: number; maxEntries?: number } = {}) =>
    new VersionedCache<string>({
      redis: client,
      versionKey: (key) => `${prefix}${key}`,
      load: (key) => {
        loads += 1;
        loadsOf.set(key, (loadsOf.get(key) ?? 0) + 1);
        return Promise.resolve(data);
      },
      keep: () => true,
      ...options,
    });

  beforeEach(() => {
    data = 'first';
    loads = 0;
    loadsOf.clear();
    prefix = `${uniqueName('t')}:version:`;
    cache = cacheOver(redis);
  });

  it('serves from memory until a change replaces the version, then reloads once', async () => {
    expect(await cache.get('k')).toBe('first');
    expect(await cache.get('k')).toBe('first');
    expect(loads).toBe(1);
    data = 'second';
    await cache.changed('k');
    expect(await cache.get('k')).toBe('second');
    expect(await cache.get('k')).toBe('second');
    expect(loads).toBe(2);
  });

  it('reloads every entry once Redis has lost the versions, even of keys never changed', async () => {
    expect(await cache.get('never-changed')).toBe('first');
    // A change whose version Redis then lost (restart without persistence) must not leave the entry stale.
    data = 'changed meanwhile';
    expect(await redis.del(`${prefix}never-changed`)).toBe(1);
    expect(await cache.get('never-changed')).toBe('changed meanwhile');
    expect(loads).toBe(2);
  });

  it('trusts nothing it kept once Redis could not be read, since a change could not replace its version', async () => {
    const flaky = new Redis(testEnv().REDIS_URL, { enableOfflineQueue: false, lazyConnect: true });
    await flaky.connect();
    const flakyCache = cacheOver(flaky);
    try {
      expect(await flakyCache.get('k')).toBe('first');
      const ended = new Promise((resolve) => flaky.once('end', resolve));
      flaky.disconnect();
      await ended;
      data = 'changed while Redis was away';
      expect(await flakyCache.get('k')).toBe('changed while Redis was away');
      await flaky.connect();
      // The version in Redis is the one the entry was kept under, yet the entry is not served again.
      expect(await flakyCache.get('k')).toBe('changed while Redis was away');
    } finally {
      flaky.disconnect();
    }
  });

  it('uses an entry for maxAgeMs at most', async () => {
    const shortLived = cacheOver(redis, { maxAgeMs: 50 });
    expect(await shortLived.get('k')).toBe('first');
    expect(await shortLived.get('k')).toBe('first');
    data = 'second';
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await shortLived.get('k')).toBe('second');
    expect(loads).toBe(2);
  });

  it('makes room by dropping the least recently used entry, keeping the others', async () => {
    const small = cacheOver(redis, { maxEntries: 3 });
    for (const key of ['a', 'b', 'c']) {
      await small.get(key);
    }
    await small.get('a');
    await small.get('d');
    for (const key of ['a', 'c', 'd', 'b']) {
      await small.get(key);
    }
    expect(Object.fromEntries(loadsOf)).toEqual({ a: 1, b: 2, c: 1, d: 1 });
  });
});
