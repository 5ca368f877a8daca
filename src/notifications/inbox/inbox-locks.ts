import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '../../common/redis/redis.constants';
import { LockRelease, tryLock } from '../../common/redis/redis-lock';
import { APP_CONFIG, AppConfig } from '../../config/app-config';

const HOLD_MS = 10_000;
const WAIT_MS = 5_000;
const RETRY_MS = 10;

/**
 * Serialises the writes to one open inbox entry across every instance. MongoDB applies the aggregating
 * upsert atomically, FerretDB v1 reads then writes, so two events of one group at once (a burst of
 * reactions handled by several workers) could otherwise lose one. A lock not had in time fails the caller,
 * a job, which BullMQ retries.
 */
@Injectable()
export class InboxLocks {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run<T>(openKey: string, task: () => Promise<T>): Promise<T> {
    const key = `${this.config.redis.keyPrefix}:notification-lock:${openKey}`;
    const deadline = Date.now() + WAIT_MS;
    let release: LockRelease | null;
    while ((release = await tryLock(this.redis, key, HOLD_MS)) === null) {
      if (Date.now() > deadline) {
        throw new Error(`Inbox entry ${openKey} is busy`);
      }
      await sleep(RETRY_MS);
    }
    try {
      return await task();
    } finally {
      await release();
    }
  }
}
