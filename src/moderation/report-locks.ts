import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { CommonError, CommonErrorCode } from '../common/errors/common-errors';
import { REDIS } from '../common/redis/redis.constants';
import { LockRelease, tryLock } from '../common/redis/redis-lock';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** Longer than any decision takes; a process that dies holding a lock frees it after this. */
const LOCK_MS = 60_000;

/**
 * One decision per report at a time, across instances (Redis). The report's own update is guarded on
 * `status: 'open'`, which is atomic on MongoDB, but FerretDB v1 runs findAndModify as a read then a write:
 * two instances resolving one report at once both got it back there. The lock makes the guard's read and
 * write one step on both; the guard still refuses a report decided before the lock was taken.
 */
@Injectable()
export class ReportLocks {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The release function when the report was free, else null (someone is deciding it). */
  async tryLock(reportId: string): Promise<LockRelease | null> {
    let release: LockRelease | null;
    try {
      release = await tryLock(this.redis, `${this.config.redis.keyPrefix}:report-lock:${reportId}`, LOCK_MS);
    } catch {
      throw new CommonError(
        CommonErrorCode.ServiceUnavailable,
        'Reports cannot be decided while Redis is down',
      );
    }
    if (release === null) {
      return null;
    }
    const held = release;
    // A release that fails leaves the lock to expire.
    return () => held().catch(() => undefined);
  }
}
