import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { REDIS } from '../common/redis/redis.constants';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MessagesError, MessagesErrorCode } from './messages.errors';

// The conversations one message went to within the window, as a set: sending it again where it already went
// (a resend, a retry) is always allowed and counts once; a conversation beyond the limit is refused and not
// recorded. Returns 1 when refused. One round trip.
const RECORD = `
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 0 end
if redis.call('SCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 1 end
if redis.call('SADD', KEYS[1], ARGV[1]) == 1 and redis.call('SCARD', KEYS[1]) == 1 then
  redis.call('EXPIRE', KEYS[1], ARGV[2])
end
return 0`;

/**
 * Flood control beyond rate limits: the same message (content and attachments) from one user in too many
 * conversations within a short window, the shape of spam, is refused. Per user across instances (Redis); the
 * message itself is never kept there, only a digest. Fails open when Redis is unreachable: a heuristic
 * against abuse must not stop every send.
 */
@Injectable()
export class FloodGuard {
  private readonly logger = new Logger(FloodGuard.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.redis.defineCommand('floodRecord', { numberOfKeys: 1, lua: RECORD });
  }

  /** Throws FLOOD_DETECTED when this message already went to as many other conversations as allowed. */
  async check(userId: string, conversationId: string, fingerprint: string): Promise<void> {
    const { maxConversations, windowSeconds } = this.config.messages.flood;
    const digest = createHash('sha256').update(fingerprint).digest('base64url').slice(0, 22);
    let refused: number;
    try {
      const redis = this.redis as unknown as {
        floodRecord(key: string, conversationId: string, ttl: number, max: number): Promise<number>;
      };
      refused = await redis.floodRecord(
        `${this.config.redis.keyPrefix}:flood:${userId}:${digest}`,
        conversationId,
        windowSeconds,
        maxConversations,
      );
    } catch (error) {
      this.logger.warn(`Flood check skipped, Redis unavailable: ${(error as Error).message}`);
      return;
    }
    if (refused === 1) {
      throw new MessagesError(MessagesErrorCode.Flood);
    }
  }
}
