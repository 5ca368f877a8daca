import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { VersionedCache } from '../common/cache/versioned-cache';
import { Role } from '../common/auth/role';
import { REDIS } from '../common/redis/redis.constants';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { UsersRepository } from './users.repository';

// Bounds how long a role change made while Redis was unreachable can go unseen by an instance that kept the role.
const MAX_AGE_MS = 30_000;

/**
 * A user's current global role as the RolesGuard reads it: the access token's `role` claim is only what the
 * role was at sign-in, so the guard asks here. Kept in process memory and validated by a version in Redis
 * that every role change replaces (see VersionedCache), so a promotion or demotion holds on every instance
 * as soon as it returns, with no database read per request and without ending the user's sessions.
 */
@Injectable()
export class UserRoleCache {
  private readonly logger = new Logger(UserRoleCache.name);
  private readonly roles: VersionedCache<Role | null>;

  constructor(
    @Inject(REDIS) redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
    repository: UsersRepository,
  ) {
    const prefix = config.redis.keyPrefix;
    this.roles = new VersionedCache<Role | null>({
      redis,
      versionKey: (userId) => `${prefix}:role-version:${userId}`,
      load: async (userId) => (await repository.findById(userId))?.role ?? null,
      keep: (role) => role !== null,
      maxAgeMs: MAX_AGE_MS,
    });
  }

  /** The user's role now; null when there is no such user. */
  roleOf(userId: string): Promise<Role | null> {
    return this.roles.get(userId);
  }

  /**
   * Awaited by every role change after its database write, before it is reported done. Never fails: the
   * change is stored, and an instance that kept the old role and read nothing meanwhile uses it for
   * MAX_AGE_MS at most.
   */
  async changed(userId: string): Promise<void> {
    try {
      await this.roles.changed(userId);
    } catch (error) {
      this.logger.warn(`Role version not replaced, Redis unavailable: ${(error as Error).message}`);
    }
  }
}
