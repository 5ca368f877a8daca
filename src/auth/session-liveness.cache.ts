import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { VersionedCache } from '../common/cache/versioned-cache';
import { REDIS } from '../common/redis/redis.constants';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { SessionLiveness, SessionsRepository } from './sessions.repository';

// Bounds how long a revocation made while Redis was unreachable can go unseen by an instance that kept the session.
const MAX_AGE_MS = 30_000;

export function isLive<T extends SessionLiveness>(session: T | null): session is T {
  return session !== null && !session.revokedAt && session.expiresAt.getTime() > Date.now();
}

/**
 * Session liveness as every authenticated request and socket handshake reads it: from process memory,
 * validated by a version in Redis that every revocation replaces (see VersionedCache), so a revoked session
 * is refused at once by every instance without a database read per request. Only live sessions are kept;
 * one that expires while kept is refused by its own `expiresAt`.
 */
@Injectable()
export class SessionLivenessCache {
  private readonly logger = new Logger(SessionLivenessCache.name);
  private readonly sessions: VersionedCache<SessionLiveness | null>;

  constructor(
    @Inject(REDIS) redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
    repository: SessionsRepository,
  ) {
    const prefix = config.redis.keyPrefix;
    this.sessions = new VersionedCache<SessionLiveness | null>({
      redis,
      versionKey: (sessionId) => `${prefix}:session-version:${sessionId}`,
      load: (sessionId) => repository.livenessOf(sessionId),
      keep: isLive,
      maxAgeMs: MAX_AGE_MS,
    });
  }

  async isActive(sessionId: string): Promise<boolean> {
    return isLive(await this.sessions.get(sessionId));
  }

  /**
   * Must be awaited by every revocation after its database write and before it is reported done. Never
   * fails: the revocation is stored, and with Redis unreachable every instance reads the database until it is
   * back; an entry kept from before by an instance that read nothing meanwhile is used for MAX_AGE_MS at most.
   */
  async revoked(sessionIds: readonly string[]): Promise<void> {
    try {
      await Promise.all(sessionIds.map((sessionId) => this.sessions.changed(sessionId)));
    } catch (error) {
      this.logger.warn(`Session versions not replaced, Redis unavailable: ${(error as Error).message}`);
    }
  }
}
