import DataLoader from 'dataloader';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

const DEFAULT_MAX_ENTRIES = 10_000;
// A backstop only: every entry carries a version that a change replaces, so age is not what keeps it fresh.
const DEFAULT_MAX_AGE_MS = 10 * 60_000;
// Far longer than any entry's age, so an entry loaded before a change never meets the key missing again.
const VERSION_TTL_S = 24 * 3600;

interface Entry<T> {
  version: string;
  value: T;
  /** When its load started (`performance.now()`): an entry's age counts from before its read. */
  loadedAt: number;
}

export interface VersionedCacheOptions<T> {
  redis: Redis;
  /** Redis key holding the version of one cached key. */
  versionKey: (key: string) => string;
  load: (key: string) => Promise<T>;
  /** Whether a loaded value may be kept (an empty one may just not exist yet in this instance's view). */
  keep: (value: T) => boolean;
  /**
   * How long an entry is used at most (default 10 minutes): it bounds how long a change whose version could
   * not be replaced (Redis unreachable at that moment, then back) goes unseen.
   */
  maxAgeMs?: number;
  /** How many entries are kept (default 10,000); the least recently used make room for new ones. */
  maxEntries?: number;
}

const versionReaders = new WeakMap<Redis, DataLoader<string, string | null>>();

/**
 * The versions asked for in one tick are read by one MGET, across every cache on the same connection: a send
 * that checks its conversation's members and its sender's blocks together costs one Redis round trip.
 */
function versionReaderOf(redis: Redis): DataLoader<string, string | null> {
  let reader = versionReaders.get(redis);
  if (!reader) {
    reader = new DataLoader<string, string | null>((versionKeys) => redis.mget(...versionKeys), {
      cache: false,
    });
    versionReaders.set(redis, reader);
  }
  return reader;
}

/**
 * Values held in this process and validated on every use against a per-key version in Redis, which every
 * change replaces (after its database write, before it is reported done). A change therefore takes effect on
 * every instance as soon as it returns: an entry loaded before it carries the old version and is reloaded.
 * An entry stored by a load that raced with a change is labelled with the version read before the load, so
 * it is at worst reloaded once more. Versions are random, not counters, and a missing one is created before a
 * load, so every entry carries a version that a Redis which lost its data no longer holds: after such a loss
 * every entry reloads. While Redis is unreachable every use loads, and the entries are dropped, since a change
 * made meanwhile could not replace its version.
 */
export class VersionedCache<T> {
  private readonly entries: LRUCache<string, Entry<T>>;
  private readonly loading = new Map<string, Promise<Entry<T>>>();
  private readonly versions: DataLoader<string, string | null>;

  constructor(private readonly options: VersionedCacheOptions<T>) {
    this.versions = versionReaderOf(options.redis);
    this.entries = new LRUCache({
      max: options.maxEntries ?? DEFAULT_MAX_ENTRIES,
      ttl: options.maxAgeMs ?? DEFAULT_MAX_AGE_MS,
    });
  }

  async get(key: string): Promise<T> {
    let version: string;
    try {
      version = await this.version(key);
    } catch {
      // Changes made meanwhile may not have replaced their versions: nothing kept is trusted afterwards.
      this.entries.clear();
      return this.options.load(key);
    }
    const cached = this.entries.get(key);
    if (cached?.version === version) {
      return cached.value;
    }
    const loadKey = `${key}|${version}`;
    let pending = this.loading.get(loadKey);
    if (!pending) {
      pending = this.load(key, version).finally(() => this.loading.delete(loadKey));
      this.loading.set(loadKey, pending);
    }
    const entry = await pending;
    if (this.options.keep(entry.value)) {
      this.entries.set(key, entry, { start: entry.loadedAt });
    }
    return entry.value;
  }

  /** Must be awaited by every change of a key's data after its database write and before it is reported done. */
  async changed(key: string): Promise<void> {
    this.entries.delete(key);
    await this.options.redis.set(this.options.versionKey(key), randomUUID(), 'EX', VERSION_TTL_S);
  }

  /** The key's version; a missing one (never changed, expired, or lost by Redis) is created first. */
  private async version(key: string): Promise<string> {
    const versionKey = this.options.versionKey(key);
    const current = await this.versions.load(versionKey);
    if (current !== null) {
      return current;
    }
    const created = randomUUID();
    const stored = await this.options.redis.set(versionKey, created, 'EX', VERSION_TTL_S, 'NX');
    return stored === 'OK' ? created : ((await this.options.redis.get(versionKey)) ?? created);
  }

  private async load(key: string, version: string): Promise<Entry<T>> {
    const loadedAt = performance.now();
    return { version, loadedAt, value: await this.options.load(key) };
  }
}
