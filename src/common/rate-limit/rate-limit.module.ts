import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { RedisConnectionFactory } from '../redis/redis-connection.factory';
import { FailOpenStorage } from './fail-open.storage';
import { RateLimitGuard, Throttler } from './rate-limit.guard';

const MINUTE_MS = 60_000;

/**
 * Imported after AuthModule and ApiKeysModule, so its guard runs once the caller is known (limits per user
 * or per API key, not per IP).
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG, RedisConnectionFactory],
      useFactory: (config: AppConfig, redis: RedisConnectionFactory) => ({
        throttlers: [
          { name: Throttler.General, ttl: MINUTE_MS, limit: config.rateLimits.perMinute },
          { name: Throttler.Auth, ttl: MINUTE_MS, limit: config.rateLimits.authPerMinute },
          { name: Throttler.Account, ttl: MINUTE_MS, limit: config.rateLimits.authPerMinute },
          { name: Throttler.Upload, ttl: MINUTE_MS, limit: config.rateLimits.uploadsPerMinute },
          { name: Throttler.Notify, ttl: MINUTE_MS, limit: config.rateLimits.notifyPerMinute },
        ],
        // No offline queue: while Redis is down a count fails at once and the storage lets the request through.
        storage: new FailOpenStorage(
          new ThrottlerStorageRedisService(
            redis.create('rate-limit', { enableOfflineQueue: false, maxRetriesPerRequest: 1 }),
          ),
        ),
      }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class RateLimitModule {}
