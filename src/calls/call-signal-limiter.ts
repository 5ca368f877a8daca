import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { CommonError, CommonErrorCode } from '../common/errors/common-errors';
import { REDIS } from '../common/redis/redis.constants';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { RealtimeError, RealtimeErrorCode } from '../realtime/realtime.errors';

/**
 * Each user's signaling events (offers, answers, candidates, media states) per second, counted in Redis so
 * a user's devices on every instance share one allowance (CALL_SIGNALS_PER_SECOND). The general socket
 * limit leaves these events to this one.
 */
@Injectable()
export class CallSignalLimiter {
  private readonly logger = new Logger(CallSignalLimiter.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async admit(userId: string): Promise<void> {
    const second = Math.floor(Date.now() / 1000);
    const key = `${this.config.redis.keyPrefix}:calls:signals:${userId}:${second}`;
    let count: number;
    try {
      const replies = await this.redis.multi().incr(key).pexpire(key, 2000).exec();
      count = Number(replies?.[0]?.[1]);
    } catch (error) {
      this.logger.warn(`Signal refused, Redis unavailable: ${(error as Error).message}`);
      throw new RealtimeError(RealtimeErrorCode.RealtimeUnavailable);
    }
    const limit = this.config.calls.signalsPerSecond;
    if (count > limit) {
      throw new CommonError(CommonErrorCode.RateLimited, `At most ${limit} call signals per second`);
    }
  }
}
