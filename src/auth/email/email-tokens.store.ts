import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS } from '../../common/redis/redis.constants';
import { APP_CONFIG, AppConfig } from '../../config/app-config';

export enum EmailTokenPurpose {
  VerifyEmail = 'verify',
  ResetPassword = 'reset',
}

const sha256 = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Single-use email tokens: 256 random bits, only their SHA-256 stored, in Redis under a TTL (Redis
 * enforces expiry and cleans up). A per-user set of pending hashes lets a password change cancel them.
 */
@Injectable()
export class EmailTokensStore {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async issue(purpose: EmailTokenPurpose, userId: string, ttlSeconds: number): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const hash = sha256(token);
    await this.redis
      .multi()
      .set(this.tokenKey(purpose, hash), userId, 'EX', ttlSeconds)
      .sadd(this.pendingKey(purpose, userId), hash)
      .expire(this.pendingKey(purpose, userId), ttlSeconds)
      .exec();
    return token;
  }

  /** Returns the user the token was issued to and deletes it atomically, so it works once. */
  async consume(purpose: EmailTokenPurpose, token: string): Promise<string | undefined> {
    const hash = sha256(token);
    const userId = await this.redis.getdel(this.tokenKey(purpose, hash));
    if (userId === null) {
      return undefined;
    }
    await this.redis.srem(this.pendingKey(purpose, userId), hash);
    return userId;
  }

  async cancelAll(purpose: EmailTokenPurpose, userId: string): Promise<void> {
    const hashes = await this.redis.smembers(this.pendingKey(purpose, userId));
    await this.redis.del(
      this.pendingKey(purpose, userId),
      ...hashes.map((hash) => this.tokenKey(purpose, hash)),
    );
  }

  private tokenKey(purpose: EmailTokenPurpose, hash: string): string {
    return `${this.config.redis.keyPrefix}:email-token:${purpose}:${hash}`;
  }

  private pendingKey(purpose: EmailTokenPurpose, userId: string): string {
    return `${this.config.redis.keyPrefix}:email-token:pending:${purpose}:${userId}`;
  }
}
