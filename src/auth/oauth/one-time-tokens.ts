import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { createHash, randomBytes } from 'node:crypto';
import { REDIS } from '../../common/redis/redis.constants';
import { APP_CONFIG, AppConfig } from '../../config/app-config';

export type OneTimeKind = 'exchange' | 'link';

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Short-lived, single-use bearer values (login exchange codes, link tickets). Only their SHA-256 is stored,
 * so a Redis dump cannot be replayed; GETDEL makes the use atomic across instances.
 */
@Injectable()
export class OneTimeTokens {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async issue(kind: OneTimeKind, value: string, ttlSeconds: number): Promise<string> {
    const token = randomToken();
    await this.redis.set(this.key(kind, token), value, 'EX', ttlSeconds);
    return token;
  }

  /** The stored value, once; undefined when unknown, expired or already used. */
  async consume(kind: OneTimeKind, token: string): Promise<string | undefined> {
    return (await this.redis.getdel(this.key(kind, token))) ?? undefined;
  }

  private key(kind: OneTimeKind, token: string): string {
    return `${this.config.redis.keyPrefix}:oauth:${kind}:${sha256(token)}`;
  }
}
