import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';

// Deletes the lock only if this holder still owns it (it may have expired and been taken by another).
const RELEASE =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";

/** Frees a lock taken by `tryLock`, unless it expired and someone else holds it now. */
export type LockRelease = () => Promise<void>;

/**
 * Takes `key` for at most `holdMs` across every instance if nobody holds it: the release, else null. A
 * holder that dies frees the lock when `holdMs` runs out.
 */
export async function tryLock(redis: Redis, key: string, holdMs: number): Promise<LockRelease | null> {
  const token = randomUUID();
  if ((await redis.set(key, token, 'PX', holdMs, 'NX')) !== 'OK') {
    return null;
  }
  return async () => {
    await redis.eval(RELEASE, 1, key, token);
  };
}

export interface LockTiming {
  /** How long the lock is held at most (a holder that dies frees it then). */
  holdMs: number;
  /** How long to wait for a busy lock before giving up with `busy()`. */
  waitMs: number;
  /** Pause between attempts while it is busy. */
  retryMs: number;
}

/** Runs `task` holding `key` across every instance, waiting for it while it is busy; `busy()` is thrown after `waitMs`. */
export async function runLocked<T>(
  redis: Redis,
  key: string,
  timing: LockTiming,
  busy: () => Error,
  task: () => Promise<T>,
): Promise<T> {
  const deadline = Date.now() + timing.waitMs;
  let release: LockRelease | null;
  while ((release = await tryLock(redis, key, timing.holdMs)) === null) {
    if (Date.now() > deadline) {
      throw busy();
    }
    await sleep(timing.retryMs);
  }
  try {
    return await task();
  } finally {
    await release();
  }
}
