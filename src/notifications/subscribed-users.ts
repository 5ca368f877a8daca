import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { BackgroundWork } from '../common/lifecycle/background-work';
import { CommonError, CommonErrorCode } from '../common/errors/common-errors';
import { REDIS } from '../common/redis/redis.constants';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PushSubscriptionsRepository } from './push-subscriptions.repository';
import { WebPushSender } from './web-push.sender';

/** A member no user id can be (ids are hex): present once the set holds every subscriber. */
const COMPLETE = '*complete';
/** Users added by one SADD while filling. */
const FILL_CHUNK = 10_000;

/**
 * The users who ever registered a device for Web Push, as one Redis set all instances share, so that a
 * message none of whose recipients did queues no push job (apps that push through their own native service
 * register none). A user is added before the subscription is stored and never removed: a user still in the
 * set costs a job that finds nothing, as every message did before, while one missing from it would lose
 * pushes. The set is complete once it holds the COMPLETE member, written after it was filled from the
 * database (at boot, and whenever a message finds it missing, e.g. after Redis lost its data); until then
 * every message may need a push.
 */
@Injectable()
export class SubscribedUsers implements OnApplicationBootstrap {
  private readonly logger = new Logger(SubscribedUsers.name);
  private readonly key: string;
  private filling: Promise<void> | null = null;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly repository: PushSubscriptionsRepository,
    private readonly sender: WebPushSender,
    private readonly background: BackgroundWork,
  ) {
    this.key = `${config.redis.keyPrefix}:push:subscribed-users`;
  }

  /** Awaited, so messages sent right after boot find the set complete; a failure leaves it to the first one. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.sender.publicKey) {
      return;
    }
    try {
      if ((await this.redis.sismember(this.key, COMPLETE)) === 0) {
        await this.fill();
      }
    } catch (error) {
      this.logger.warn(`Push subscribers not read at boot: ${(error as Error).message}`);
    }
  }

  /** Before the subscription is stored: a registration that cannot be marked fails, and stores nothing. */
  async add(userId: string): Promise<void> {
    try {
      await this.redis.sadd(this.key, userId);
    } catch {
      throw new CommonError(CommonErrorCode.ServiceUnavailable);
    }
  }

  /** False only when the set is complete and none of `userIds` is in it. */
  async anyOf(userIds: readonly string[]): Promise<boolean> {
    const [complete, ...found] = await this.redis.smismember(this.key, COMPLETE, ...userIds);
    if (complete === 0) {
      this.background.run('Filling the set of push subscribers', () => this.fill());
      return true;
    }
    return found.includes(1);
  }

  /** One fill at a time; users who register meanwhile add themselves. */
  private fill(): Promise<void> {
    this.filling ??= (async () => {
      const userIds = await this.repository.subscribedUserIds();
      for (let start = 0; start < userIds.length; start += FILL_CHUNK) {
        await this.redis.sadd(this.key, ...userIds.slice(start, start + FILL_CHUNK));
      }
      await this.redis.sadd(this.key, COMPLETE);
      this.logger.log(`Push subscribers known: ${userIds.length}`);
    })().finally(() => {
      this.filling = null;
    });
    return this.filling;
  }
}
