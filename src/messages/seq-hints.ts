import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RedisConnectionFactory } from '../common/redis/redis-connection.factory';
import { REDIS } from '../common/redis/redis.constants';
import { APP_CONFIG, AppConfig } from '../config/app-config';

// Raises the hint only: instances finishing out of order cannot move it back. A raise is announced on the
// channel in the same step, so no instance hears of a seq the hint does not hold.
const RAISE = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then
  redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
  redis.call('PUBLISH', ARGV[3], ARGV[4] .. ' ' .. ARGV[1])
end
return 0`;
// Idle conversations drop out; the next send starts from the seq recorded on the conversation.
const TTL_S = 24 * 3600;

type RaisedListener = (conversationId: string, seq: number) => void;

/**
 * The highest seq stored in each active conversation, shared by all instances through Redis, so an instance
 * sending into a conversation another instance has just written to starts after that instance's messages
 * instead of colliding with them. Each raise is also announced to every instance (Pub/Sub), so one that
 * numbers the conversation already can move past it before its next send. Only hints: the unique
 * (conversationId, seq) index decides, and while Redis is unreachable the hints are simply missing.
 */
@Injectable()
export class SeqHints implements OnModuleInit {
  private readonly logger = new Logger(SeqHints.name);
  private readonly prefix: string;
  private readonly channel: string;
  private readonly listeners: RaisedListener[] = [];

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly connections: RedisConnectionFactory,
  ) {
    this.prefix = `${config.redis.keyPrefix}:seq`;
    this.channel = `${config.redis.keyPrefix}:seq-raised`;
    this.redis.defineCommand('seqHintRaise', { numberOfKeys: 1, lua: RAISE });
  }

  /** Not awaited: until the subscription is in place, a stale local seq costs a retry, as without it. */
  onModuleInit(): void {
    const subscriber = this.connections.create('seq-hints');
    subscriber.on('message', (_channel: string, message: string) => this.announced(message));
    subscriber.subscribe(this.channel).catch((error: Error) => {
      this.logger.warn(`Seq announcements not subscribed: ${error.message}`);
    });
  }

  /** Calls `listener` with every raise by any instance, this one included. */
  onRaised(listener: RaisedListener): void {
    this.listeners.push(listener);
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
      await (this.redis as unknown as RaiseCommand).seqHintRaise(
        this.key(conversationId),
        seq,
        TTL_S,
        this.channel,
        conversationId,
      );
    } catch {
      // A missing hint costs a retry at worst.
    }
  }

  private announced(message: string): void {
    const [conversationId, seq] = message.split(' ');
    const value = Number(seq);
    if (conversationId && Number.isSafeInteger(value)) {
      this.listeners.forEach((listener) => listener(conversationId, value));
    }
  }

  private key(conversationId: string): string {
    return `${this.prefix}:${conversationId}`;
  }
}

interface RaiseCommand {
  seqHintRaise(
    key: string,
    seq: number,
    ttlSeconds: number,
    channel: string,
    conversationId: string,
  ): Promise<number>;
}
