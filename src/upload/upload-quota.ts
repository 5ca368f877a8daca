import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { REDIS } from '../common/redis/redis.constants';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** What a user may still upload today. */
export interface Allowance {
  remaining: number;
  /** The next UTC midnight, when the count starts again. */
  resetsAt: Date;
}

/** Counts kept a day longer than the day they count, then left to expire. */
const KEY_TTL_SECONDS = 2 * 86_400;

/**
 * UPLOAD_QUOTA_BYTES_PER_DAY: the bytes a user uploaded per UTC day, counted in Redis so every instance
 * shares it. An upload is measured against what was left when it started and counted once stored; uploads
 * running at the same time may thus overshoot by at most one file each. Without Redis the quota is not
 * enforced (like the rate limits, it fails open) rather than stopping all uploads.
 */
@Injectable()
export class UploadQuota {
  private readonly logger = new Logger(UploadQuota.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async allowance(ownerId: string, now = new Date()): Promise<Allowance> {
    const quota = this.config.upload.quotaBytesPerDay;
    const resetsAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
    try {
      const used = Number((await this.redis.get(this.key(ownerId, now))) ?? 0);
      return { remaining: quota - used, resetsAt };
    } catch (error) {
      this.logger.warn({ err: error }, 'Upload quota unavailable (Redis); not enforced for this upload');
      return { remaining: quota, resetsAt };
    }
  }

  async consume(ownerId: string, bytes: number, now = new Date()): Promise<void> {
    const key = this.key(ownerId, now);
    try {
      await this.redis.multi().incrby(key, bytes).expire(key, KEY_TTL_SECONDS).exec();
    } catch (error) {
      this.logger.warn({ err: error, ownerId, bytes }, 'Upload not counted towards the quota (Redis)');
    }
  }

  private key(ownerId: string, now: Date): string {
    return `${this.config.redis.keyPrefix}:upload-quota:${ownerId}:${now.toISOString().slice(0, 10)}`;
  }
}
