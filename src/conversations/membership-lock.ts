import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '../common/redis/redis.constants';
import { LockTiming, runLocked } from '../common/redis/redis-lock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ConversationsError, ConversationsErrorCode } from './conversations.errors';

const TIMING: LockTiming = { holdMs: 10_000, waitMs: 5_000, retryMs: 15 };

/**
 * Serialises membership changes of one conversation across all instances. Checks like "the last owner may not
 * leave" and the member limit read, then write; FerretDB v1 does not make concurrent conditional updates of one
 * document atomic, so without this two owners leaving at once, or two adds racing, could both pass.
 */
@Injectable()
export class MembershipLock {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run<T>(conversationId: string, task: () => Promise<T>): Promise<T> {
    return runLocked(
      this.redis,
      `${this.config.redis.keyPrefix}:conversation-members-lock:${conversationId}`,
      TIMING,
      () => new ConversationsError(ConversationsErrorCode.Busy),
      task,
    );
  }
}
