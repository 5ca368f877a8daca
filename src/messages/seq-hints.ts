import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '../common/redis/redis.constants';
import { APP_CONFIG, AppConfig } from '../config/app-config';

// Raises the hint only: instances finishing out of order cannot move it back.
const RAISE = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2]) end
return 0`;
// Idle conversations drop out; the next send starts from the seq recorded on the conversation.
const TTL_S = 24 * 3600;

/**
 * The highest seq stored in each active conversation, shared by all instances through Redis, so an instance
 * sending into a conversation another instance has just written to starts after that instance's messages
 * instead of colliding with them. Only a hint: the unique (conversationId, seq) index decides, and while
 * Redis is unreachable the hint is simply missing.
 */
@Injectable()
export class SeqHints {
  private readonly prefix: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.prefix = `${config.redis.keyPrefix}:seq`;
    this.redis.defineCommand('seqHintRaise', { numberOfKeys: 1, lua: RAISE });
  }

  async get(conversationId: string): Promise<number | null> {
    try {
      const value = await this.redis.get(this.key(conversationId));
      return value === null ? null : Number(value);
    } catch {
      return null;
    }
  }

  async raise(conversationId: string, seq: number): Promise<void> {
    try {
      await (this.redis as unknown as RaiseCommand).seqHintRaise(this.key(conversationId), seq, TTL_S);
    } catch {
      // A missing hint costs a retry at worst.
    }
  }

  private key(conversationId: string): string {
    return `${this.prefix}:${conversationId}`;
  }
}

interface RaiseCommand {
  seqHintRaise(key: string, seq: number, ttlSeconds: number): Promise<number>;
}
