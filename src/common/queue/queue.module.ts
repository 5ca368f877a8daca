import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { RedisConnectionFactory } from '../redis/redis-connection.factory';
import { DeadLetterService } from './dead-letter.service';
import { JobHandlerRegistry } from './job-handler.registry';
import { QueueName } from './jobs';
import { JobsService } from './jobs.service';
import { QueueConnections } from './queue-connections';

const DAY_SECONDS = 86_400;
const queues = Object.values(QueueName).map((name) => BullModule.registerQueue({ name }));

@Global()
@Module({
  imports: [
    DiscoveryModule,
    BullModule.forRootAsync({
      inject: [APP_CONFIG, RedisConnectionFactory],
      useFactory: (config: AppConfig, redis: RedisConnectionFactory) => ({
        // BullMQ workers block on Redis and must retry forever, hence their own connection settings.
        connection: redis.create('bullmq', { maxRetriesPerRequest: null }),
        prefix: `${config.redis.keyPrefix}:bull`,
        defaultJobOptions: {
          attempts: config.jobs.attempts,
          backoff: { type: 'exponential', delay: config.jobs.backoffMs },
          removeOnComplete: { count: 1000, age: DAY_SECONDS },
          removeOnFail: { count: 5000, age: 7 * DAY_SECONDS },
        },
      }),
    }),
    ...queues,
  ],
  providers: [JobsService, DeadLetterService, JobHandlerRegistry, QueueConnections],
  // DeadLetterService is injected by every feature's JobProcessor subclass.
  exports: [JobsService, DeadLetterService, ...queues],
})
export class QueueModule {}
