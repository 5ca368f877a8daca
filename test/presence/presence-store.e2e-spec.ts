import Redis from 'ioredis';
import { loadConfig } from '../../src/config/load-config';
import { PresenceStore } from '../../src/presence/presence.store';
import { testEnv } from '../support/test-app';

describe('PresenceStore (real Redis)', () => {
  let redis: Redis;
  let store: PresenceStore;
  let usersKey: string;
  const ttl = 10_000;

  beforeAll(() => {
    const env = testEnv();
    redis = new Redis(env.REDIS_URL);
    const config = loadConfig(env);
    store = new PresenceStore(redis, config);
    usersKey = `${config.redis.keyPrefix}:presence:users`;
  });

  afterAll(() => redis.quit());

  it('goes online with the first device and offline only when the last one leaves', async () => {
    expect(await store.connect('u1', 'a', ttl)).toBe('online');
    expect(await store.connect('u1', 'b', ttl)).toBe('connected');
    expect((await store.states(['u1'])).get('u1')).toEqual({ online: true, lastSeenAt: null });

    expect(await store.disconnect('u1', 'a')).toBe(false);
    expect((await store.states(['u1'])).get('u1')?.online).toBe(true);

    const before = Date.now();
    expect(await store.disconnect('u1', 'b')).toBe(true);
    const state = (await store.states(['u1'])).get('u1');
    expect(state?.online).toBe(false);
    expect(state?.lastSeenAt?.getTime()).toBeGreaterThanOrEqual(before);
  });

  it('reports exactly one transition when the same connection is removed twice', async () => {
    await store.connect('u2', 'a', ttl);
    const results = await Promise.all([store.disconnect('u2', 'a'), store.disconnect('u2', 'a')]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('lets connections of a dead instance expire, and the sweeper marks the user offline once', async () => {
    const start = Date.now();
    await store.connect('u3', 'dead-instance-socket', 1000, { now: start });
    expect((await store.states(['u3'], start + 500)).get('u3')?.online).toBe(true);
    expect((await store.states(['u3'], start + 1500)).get('u3')?.online).toBe(false);

    const swept = await store.sweep(start + 1500);
    expect(swept).toContainEqual({ userId: 'u3', lastSeenAt: new Date(start + 1000) });
    expect((await store.sweep(start + 2000)).map((s) => s.userId)).not.toContain('u3');
    expect((await store.states(['u3'], start + 1500)).get('u3')?.lastSeenAt).toEqual(new Date(start + 1000));
  });

  it('ends every user of a dead instance in one sweep, however many there were', async () => {
    const start = Date.now();
    const users = Array.from({ length: 1200 }, (_, i) => `dead-${i}`);
    await Promise.all(users.map((userId) => store.connect(userId, 'gone', 1000, { now: start })));
    const swept = (await store.sweep(start + 1500)).filter((s) => s.userId.startsWith('dead-'));
    expect(swept).toHaveLength(users.length);
    expect(new Set(swept.map((s) => s.userId))).toEqual(new Set(users));
    expect(swept.every((s) => s.lastSeenAt.getTime() === start + 1000)).toBe(true);
  });

  it('keeps a user with a live connection online, and no longer a sweep candidate, if their score lagged', async () => {
    const start = Date.now();
    await store.connect('lagging', 'live', 60_000, { now: start });
    await redis.zadd(usersKey, start - 1, 'lagging');
    expect((await store.sweep(start + 1000)).map((s) => s.userId)).not.toContain('lagging');
    expect(Number(await redis.zscore(usersKey, 'lagging'))).toBe(start + 60_000);
    expect((await store.states(['lagging'], start + 1000)).get('lagging')?.online).toBe(true);
  });

  it('tells which of many users are online in one answer: live devices only, in the order asked', async () => {
    const start = Date.now();
    await store.connect('among-live', 'a', ttl, { now: start });
    await store.connect('among-expiring', 'b', 1000, { now: start });
    await store.connect('among-left', 'c', ttl, { now: start });
    await store.disconnect('among-left', 'c');
    const asked = ['among-never', 'among-expiring', 'among-left', 'among-live'];
    expect(await store.onlineAmong(asked, start + 500)).toEqual(['among-expiring', 'among-live']);
    expect(await store.onlineAmong(asked, start + 1500)).toEqual(['among-live']);
    expect(await store.onlineAmong([], start)).toEqual([]);
  });

  it('keeps a user online while heartbeats push the expiry forward', async () => {
    const start = Date.now();
    await store.connect('u4', 's', 1000, { now: start });
    await store.heartbeat([{ userId: 'u4', connectionId: 's' }], 60_000);
    expect((await store.states(['u4'], start + 5000)).get('u4')?.online).toBe(true);
    expect((await store.sweep(start + 5000)).map((s) => s.userId)).not.toContain('u4');
  });

  it('heartbeats thousands of connections in chunks, and never brings back one that left', async () => {
    const start = Date.now();
    const users = Array.from({ length: 1300 }, (_, i) => `many-${i}`);
    const connections = users.flatMap((userId) => [
      { userId, connectionId: `${userId}-phone` },
      { userId, connectionId: `${userId}-laptop` },
    ]);
    // The first expiry is long enough that connecting 2,600 sockets on a loaded machine ends before it (a
    // heartbeat does not revive an expired connection); `later` lies past it, so only the heartbeat holds them.
    await Promise.all(
      connections.map((c) => store.connect(c.userId, c.connectionId, 20_000, { now: start })),
    );
    await store.disconnect('many-7', 'many-7-laptop');
    await store.heartbeat(connections, 60_000);
    const later = start + 30_000;
    expect([...(await store.states(users, later)).values()].every((state) => state.online)).toBe(true);
    expect(await store.liveConnections('many-1299', later)).toEqual(
      expect.arrayContaining(['many-1299-phone', 'many-1299-laptop']),
    );
    expect(await store.liveConnections('many-7', later)).toEqual(['many-7-phone']);
    expect((await store.sweep(later)).map((s) => s.userId).filter((id) => id.startsWith('many-'))).toEqual(
      [],
    );
  });

  it('refuses a connection beyond the per-user cap, and admits one again after a device leaves', async () => {
    expect(await store.connect('u6', 'a', ttl, { maxConnections: 2 })).toBe('online');
    expect(await store.connect('u6', 'b', ttl, { maxConnections: 2 })).toBe('connected');
    expect(await store.connect('u6', 'c', ttl, { maxConnections: 2 })).toBe('limit');
    expect(await store.liveConnections('u6')).toEqual(expect.arrayContaining(['a', 'b']));
    await store.disconnect('u6', 'a');
    expect(await store.connect('u6', 'c', ttl, { maxConnections: 2 })).toBe('connected');
  });

  it('answers for many users at once, unknown users offline with no last-seen time', async () => {
    await store.connect('u5', 'x', ttl);
    const states = await store.states(['u5', 'never-seen']);
    expect(states.get('u5')).toEqual({ online: true, lastSeenAt: null });
    expect(states.get('never-seen')).toEqual({ online: false, lastSeenAt: null });
  });
});
