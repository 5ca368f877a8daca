import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '../../common/redis/redis.constants';
import { LockTiming, runLocked } from '../../common/redis/redis-lock';
import { APP_CONFIG, AppConfig } from '../../config/app-config';

const TIMING: LockTiming = { holdMs: 10_000, waitMs: 5_000, retryMs: 10 };

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
    return runLocked(
      this.redis,
      `${this.config.redis.keyPrefix}:notification-lock:${openKey}`,
      TIMING,
      () => new Error(`Inbox entry ${openKey} is busy`),
      task,
    );
  }
}
