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

  beforeEach(() => {
    data = 'first';
    loads = 0;
    prefix = `${uniqueName('t')}:version:`;
    cache = new VersionedCache<string>({
      redis,
      versionKey: (key) => `${prefix}${key}`,
      load: () => {
        loads += 1;
        return Promise.resolve(data);
      },
      keep: () => true,
    });
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
});
