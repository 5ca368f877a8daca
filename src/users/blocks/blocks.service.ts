import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { VersionedCache } from '../../common/cache/versioned-cache';
import { REDIS } from '../../common/redis/redis.constants';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ServerEvent } from '../../realtime/events';
import { RealtimePublisher } from '../../realtime/realtime.publisher';
import { PublicProfile, toPublicProfile } from '../users.dto';
import { UsersError, UsersErrorCode } from '../users.errors';
import { UsersService } from '../users.service';
import { BlocksRepository } from './blocks.repository';

/** A user's blocks in both directions, as every path that must respect them reads them. */
export interface BlockRelations {
  /** Users this user blocked. */
  readonly blocked: ReadonlySet<string>;
  /** Users who blocked this user. */
  readonly blockedBy: ReadonlySet<string>;
}

export interface BlockEntry {
  user: PublicProfile;
  blockedAt: string;
}

/**
 * Blocking: one user stops another from reaching them. The relations are read on hot paths (every send,
 * presence, typing), so they come from process memory validated by a version in Redis (VersionedCache), which
 * every block and unblock replaces for both users before it returns: it takes effect on every instance at once.
 */
@Injectable()
export class BlocksService {
  private readonly relations: VersionedCache<BlockRelations>;

  constructor(
    private readonly repository: BlocksRepository,
    private readonly users: UsersService,
    private readonly publisher: RealtimePublisher,
    @Inject(REDIS) redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.relations = new VersionedCache<BlockRelations>({
      redis,
      versionKey: (userId) => `${config.redis.keyPrefix}:blocks-version:${userId}`,
      load: (userId) => this.load(userId),
      // Having no blocks is the usual answer and as cacheable as any: every change replaces the version.
      keep: () => true,
    });
  }

  async block(userId: string, targetId: string): Promise<void> {
    await this.requireOther(userId, targetId);
    await this.repository.block(userId, targetId);
    await this.changed(userId, targetId);
    // From now on the blocked user sees the blocker as a stranger: no presence. Clients keep the last state
    // they were told, so tell them the blocker is offline (last seen hidden) rather than leave "online" up.
    this.publisher.toUsers([targetId], ServerEvent.UserOffline, { userId, lastSeenAt: null });
  }

  async unblock(userId: string, targetId: string): Promise<void> {
    await this.requireOther(userId, targetId);
    await this.repository.unblock(userId, targetId);
    await this.changed(userId, targetId);
  }

  /** Account deletion: the blocks the user made and those aimed at them go; idempotent. */
  async removeAllOf(userId: string): Promise<void> {
    for (const block of await this.repository.involving(userId)) {
      const blockerId = block.blockerId.toHexString();
      const blockedId = block.blockedId.toHexString();
      await this.repository.unblock(blockerId, blockedId);
      await this.changed(blockerId, blockedId);
    }
  }

  /** The user's blocks, newest first, with the blocked users' public profiles. */
  async list(userId: string): Promise<BlockEntry[]> {
    const blocks = await this.repository.listByBlocker(userId);
    const profiles = new Map(
      (await this.users.findByIds(blocks.map((block) => block.blockedId.toHexString()))).map((user) => [
        user._id.toHexString(),
        toPublicProfile(user),
      ]),
    );
    return blocks.flatMap((block) => {
      const user = profiles.get(block.blockedId.toHexString());
      return user ? [{ user, blockedAt: block.createdAt.toISOString() }] : [];
    });
  }

  relationsOf(userId: string): Promise<BlockRelations> {
    return this.relations.get(userId);
  }

  /** Whether either user blocked the other. */
  async eitherBlocked(userId: string, otherId: string): Promise<boolean> {
    const { blocked, blockedBy } = await this.relationsOf(userId);
    return blocked.has(otherId) || blockedBy.has(otherId);
  }

  private async requireOther(userId: string, targetId: string): Promise<void> {
    if (userId === targetId) {
      throw new UsersError(UsersErrorCode.CannotBlockSelf);
    }
    await this.users.requireById(targetId);
  }

  private async changed(userId: string, targetId: string): Promise<void> {
    await Promise.all([this.relations.changed(userId), this.relations.changed(targetId)]);
  }

  private async load(userId: string): Promise<BlockRelations> {
    const blocked = new Set<string>();
    const blockedBy = new Set<string>();
    for (const block of await this.repository.involving(userId)) {
      if (block.blockerId.toHexString() === userId) {
        blocked.add(block.blockedId.toHexString());
      } else {
        blockedBy.add(block.blockerId.toHexString());
      }
    }
    return { blocked, blockedBy };
  }
}
