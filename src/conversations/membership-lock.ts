import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '../common/redis/redis.constants';
import { LockRelease, tryLock } from '../common/redis/redis-lock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ConversationsError, ConversationsErrorCode } from './conversations.errors';

const HOLD_MS = 10_000;
const WAIT_MS = 5_000;
const RETRY_MS = 15;

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
    const key = `${this.config.redis.keyPrefix}:conversation-members-lock:${conversationId}`;
    const deadline = Date.now() + WAIT_MS;
    let release: LockRelease | null;
    while ((release = await tryLock(this.redis, key, HOLD_MS)) === null) {
      if (Date.now() > deadline) {
        throw new ConversationsError(ConversationsErrorCode.Busy);
      }
      await sleep(RETRY_MS);
    }
    try {
      return await task();
    } finally {
      await release();
    }
  }
}
