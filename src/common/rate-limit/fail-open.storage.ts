import { Logger } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';

/**
 * Rate limits fail open: while Redis is unreachable every request is let through (and the log says so
 * once per outage), because refusing all traffic would turn a Redis blip into a full outage.
 */
export class FailOpenStorage implements ThrottlerStorage {
  private readonly logger = new Logger('RateLimit');
  private failing = false;

  constructor(private readonly inner: ThrottlerStorage) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    try {
      const record = await this.inner.increment(key, ttl, limit, blockDuration, throttlerName);
      if (this.failing) {
        this.failing = false;
        this.logger.log('Rate limits enforced again: Redis is back');
      }
      return record;
    } catch (error) {
      if (!this.failing) {
        this.failing = true;
        this.logger.warn(
          `Rate limits NOT enforced (failing open), Redis unavailable: ${(error as Error).message}`,
        );
      }
      return { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };
    }
  }
}
