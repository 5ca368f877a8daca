import { Global, Logger, Module } from '@nestjs/common';
import Redis from 'ioredis';
import { RedisConnectionFactory } from './redis-connection.factory';
import { REDIS } from './redis.constants';

const BOOT_TIMEOUT_MS = 10_000;

async function connectShared(factory: RedisConnectionFactory): Promise<Redis> {
  // No offline queue: while Redis is down, commands fail at once (health, rate limits) instead of hanging.
  const redis = factory.create('shared', {
    enableOfflineQueue: false,
    lazyConnect: true,
    maxRetriesPerRequest: 1,
  });
  let timeout: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timeout = setTimeout(
      () => reject(new Error(`Redis unreachable at boot after ${BOOT_TIMEOUT_MS} ms`)),
      BOOT_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([redis.connect(), timedOut]);
  } catch (error) {
    redis.disconnect();
    throw error;
  } finally {
    clearTimeout(timeout);
  }
  await warnUnlessNoEviction(redis);
  return redis;
}

/** BullMQ silently loses jobs when Redis evicts keys, so say so loudly at boot. */
async function warnUnlessNoEviction(redis: Redis): Promise<void> {
  const logger = new Logger('Redis');
  try {
    const [, policy] = (await redis.config('GET', 'maxmemory-policy')) as [string, string];
    if (policy !== 'noeviction') {
      logger.warn(`Redis maxmemory-policy is "${policy}"; set it to "noeviction" or queued jobs may be lost`);
    }
  } catch {
    logger.warn('Could not read Redis maxmemory-policy (CONFIG disabled?); make sure it is "noeviction"');
  }
}

@Global()
@Module({
  providers: [
    RedisConnectionFactory,
    { provide: REDIS, inject: [RedisConnectionFactory], useFactory: connectShared },
  ],
  exports: [RedisConnectionFactory, REDIS],
})
export class RedisModule {}
