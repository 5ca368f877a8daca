import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { setImmediate } from 'node:timers/promises';
import { REDIS } from '../common/redis/redis.constants';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/**
 * Presence lives in Redis only. Each user has a sorted set of live connections scored by when each stops
 * counting (now + TTL, pushed forward by the owning instance's heartbeat), so an instance that dies without
 * cleaning up stops holding its users online once its entries expire. A global sorted set of users, scored by
 * their latest expiry, lets a sweeper find those users without scanning keys.
 *
 * The scripts run atomically, so when two instances race (last device leaves on one while another connects on
 * a second) exactly one of them observes each online/offline transition.
 */
const CONNECT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
local before = redis.call('ZCARD', KEYS[1])
if before >= tonumber(ARGV[5]) then return -1 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('PEXPIREAT', KEYS[1], ARGV[2])
local current = tonumber(redis.call('ZSCORE', KEYS[2], ARGV[4]) or '0')
if current < tonumber(ARGV[2]) then redis.call('ZADD', KEYS[2], ARGV[2], ARGV[4]) end
if before == 0 then return 1 end
return 0`;

const DISCONNECT = `
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
if redis.call('ZCARD', KEYS[1]) > 0 then return 0 end
if redis.call('ZREM', KEYS[2], ARGV[3]) == 0 then return 0 end
redis.call('DEL', KEYS[1])
redis.call('SET', KEYS[3], ARGV[2])
return 1`;

// Ends the users whose every connection expired. KEYS[1] the users set, then each user's connection set and
// last-seen key; ARGV[1] now, then the user ids. Returns, per user, the last-seen time written or '' (a user
// still connected gets their score in the users set raised to their newest connection's expiry, so they are
// not a candidate again before it).
const SWEEP = `
local ended = {}
for j = 2, #ARGV do
  local connections, lastSeenKey, userId = KEYS[2 * j - 2], KEYS[2 * j - 1], ARGV[j]
  redis.call('ZREMRANGEBYSCORE', connections, '-inf', ARGV[1])
  local newest = redis.call('ZRANGE', connections, -1, -1, 'WITHSCORES')
  local lastSeen = redis.call('ZSCORE', KEYS[1], userId)
  ended[j - 1] = ''
  if #newest > 0 then
    redis.call('ZADD', KEYS[1], 'GT', newest[2], userId)
  elseif lastSeen then
    redis.call('ZREM', KEYS[1], userId)
    redis.call('SET', lastSeenKey, lastSeen)
    ended[j - 1] = lastSeen
  end
end
return ended`;
// Users per sweep call, and calls per sweep: a dead instance's users go offline within one sweep.
const SWEEP_BATCH = 500;
const SWEEP_MAX_BATCHES = 40;

// Pushes connections' expiry forward: KEYS[1] the users set, KEYS[2..] each connection's user's set; ARGV[1]
// the new expiry, then the connection ids, then their user ids (both in KEYS' order).
const HEARTBEAT = `
local n = #KEYS - 1
for i = 1, n do
  redis.call('ZADD', KEYS[i + 1], 'XX', ARGV[1], ARGV[i + 1])
  redis.call('PEXPIREAT', KEYS[i + 1], ARGV[1])
  redis.call('ZADD', KEYS[1], 'GT', ARGV[1], ARGV[n + i + 1])
end
return n`;
// Connections per heartbeat call: 1,500 Redis calls, so Redis is held for about a millisecond, and building
// the call (1,500 arguments for ioredis) takes this process a few milliseconds at most before it yields.
const HEARTBEAT_CHUNK = 500;

// Which of these users (KEYS: their connection sets) have a live connection: 1 or 0 each, in one command
// however many recipients a delivery window has (a pipeline of one ZCOUNT each cost ioredis a command apiece).
const ONLINE_AMONG = `
local online = {}
for i, key in ipairs(KEYS) do
  online[i] = redis.call('ZCOUNT', key, ARGV[1], '+inf') > 0 and 1 or 0
end
return online`;

/** What recording a connection did: made the user go online, added a device, or hit the per-user cap. */
export type ConnectOutcome = 'online' | 'connected' | 'limit';

export interface PresenceState {
  online: boolean;
  lastSeenAt: Date | null;
}

@Injectable()
export class PresenceStore {
  private readonly prefix: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.prefix = `${config.redis.keyPrefix}:presence`;
    this.redis.defineCommand('presenceConnect', { numberOfKeys: 2, lua: CONNECT });
    this.redis.defineCommand('presenceDisconnect', { numberOfKeys: 3, lua: DISCONNECT });
    this.redis.defineCommand('presenceSweep', { lua: SWEEP });
    this.redis.defineCommand('presenceOnlineAmong', { lua: ONLINE_AMONG });
    this.redis.defineCommand('presenceHeartbeat', { lua: HEARTBEAT });
  }

  /** Records a live connection unless the user already holds `maxConnections` live ones. */
  async connect(
    userId: string,
    connectionId: string,
    ttlMs: number,
    { maxConnections = Number.MAX_SAFE_INTEGER, now = Date.now() } = {},
  ): Promise<ConnectOutcome> {
    const result = await this.run(
      'presenceConnect',
      [this.connections(userId), this.users()],
      [connectionId, now + ttlMs, now, userId, maxConnections],
    );
    return result === -1 ? 'limit' : result === 1 ? 'online' : 'connected';
  }

  /** Ids of the user's live connections on every instance. */
  liveConnections(userId: string, now = Date.now()): Promise<string[]> {
    return this.redis.zrangebyscore(this.connections(userId), now, '+inf');
  }

  /** Removes a connection; true when it was the user's last one, so they went offline. */
  async disconnect(userId: string, connectionId: string, now = Date.now()): Promise<boolean> {
    const result = await this.run(
      'presenceDisconnect',
      [this.connections(userId), this.users(), this.lastSeen(userId)],
      [connectionId, now, userId],
    );
    return result === 1;
  }

  /**
   * Pushes the expiry of this instance's connections forward: one script call per 500 connections, not three
   * commands each (at 9,000 sockets, 27,000 commands for ioredis to build and parse every heartbeat), and
   * the event loop is given back between calls.
   */
  async heartbeat(
    connections: ReadonlyArray<{ userId: string; connectionId: string }>,
    ttlMs: number,
  ): Promise<void> {
    const expiresAt = Date.now() + ttlMs;
    const calls: Array<Promise<unknown>> = [];
    for (let start = 0; start < connections.length; start += HEARTBEAT_CHUNK) {
      if (start > 0) {
        // All chunks at once held the event loop for 60-80 ms at 9,000 sockets: everything else waited.
        await setImmediate();
      }
      const chunk = connections.slice(start, start + HEARTBEAT_CHUNK);
      const keys = [this.users(), ...chunk.map(({ userId }) => this.connections(userId))];
      const args = [
        expiresAt,
        ...chunk.map(({ connectionId }) => connectionId),
        ...chunk.map(({ userId }) => userId),
      ];
      calls.push(this.run('presenceHeartbeat', [String(keys.length), ...keys], args));
    }
    await Promise.all(calls);
  }

  /**
   * Users whose every connection expired (their instance died): marks them offline and returns them. One
   * script call per batch of candidates, until a batch comes back short (at most 20,000 users per sweep).
   */
  async sweep(now = Date.now()): Promise<Array<{ userId: string; lastSeenAt: Date }>> {
    const swept: Array<{ userId: string; lastSeenAt: Date }> = [];
    for (let batch = 0; batch < SWEEP_MAX_BATCHES; batch += 1) {
      const expired = await this.redis.zrangebyscore(this.users(), '-inf', now, 'LIMIT', 0, SWEEP_BATCH);
      if (expired.length > 0) {
        const keys = [this.users(), ...expired.flatMap((id) => [this.connections(id), this.lastSeen(id)])];
        const ended = (await this.run(
          'presenceSweep',
          [String(keys.length), ...keys],
          [now, ...expired],
        )) as string[];
        expired.forEach((userId, index) => {
          if (ended[index] !== '') {
            swept.push({ userId, lastSeenAt: new Date(Number(ended[index])) });
          }
        });
      }
      if (expired.length < SWEEP_BATCH) {
        break;
      }
    }
    return swept;
  }

  /** Presence of many users in one round-trip. */
  async states(userIds: readonly string[], now = Date.now()): Promise<Map<string, PresenceState>> {
    const pipeline = this.redis.pipeline();
    for (const userId of userIds) {
      pipeline.zcount(this.connections(userId), now, '+inf');
      pipeline.get(this.lastSeen(userId));
    }
    const replies = (await pipeline.exec()) ?? [];
    const states = new Map<string, PresenceState>();
    userIds.forEach((userId, index) => {
      const [countError, count] = replies[index * 2] ?? [];
      const [seenError, seen] = replies[index * 2 + 1] ?? [];
      const replyError = countError ?? seenError;
      if (replyError) {
        throw replyError;
      }
      const online = Number(count) > 0;
      states.set(userId, { online, lastSeenAt: online || seen == null ? null : new Date(Number(seen)) });
    });
    return states;
  }

  /** Which of these users have a live connection, in one command (the delivery path needs no last-seen). */
  async onlineAmong(userIds: readonly string[], now = Date.now()): Promise<string[]> {
    if (userIds.length === 0) {
      return [];
    }
    const keys = userIds.map((userId) => this.connections(userId));
    // Without a fixed key count, ioredis takes the count as the first argument.
    const online = (await this.run('presenceOnlineAmong', [String(keys.length), ...keys], [now])) as number[];
    return userIds.filter((_, index) => online[index] === 1);
  }

  private run(command: string, keys: string[], args: Array<string | number>): Promise<unknown> {
    const redis = this.redis as unknown as Record<
      string,
      (...values: Array<string | number>) => Promise<unknown>
    >;
    return redis[command](...keys, ...args);
  }

  private connections(userId: string): string {
    return `${this.prefix}:conns:${userId}`;
  }

  private users(): string {
    return `${this.prefix}:users`;
  }

  private lastSeen(userId: string): string {
    return `${this.prefix}:lastseen:${userId}`;
  }
}
