import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { VersionedCache } from '../common/cache/versioned-cache';
import { REDIS } from '../common/redis/redis.constants';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ConversationsRepository, MembershipRecord } from './conversations.repository';
import { MemberRole } from './membership.schema';

/** Member user id -> role, in joining order. */
export type MemberIndex = ReadonlyMap<string, MemberRole>;

/**
 * Membership as the hot paths read it, from process memory validated by a version in Redis (see
 * VersionedCache): each conversation's member list (checked on every message) and each user's memberships
 * (read on every socket connect). Every change of who is in a conversation replaces the conversation's
 * version and the versions of the users who joined or left, under the membership lock, after its database
 * write. A user's cached memberships may carry an older `readSeq`; only membership itself is relied on.
 */
@Injectable()
export class MembershipCache {
  private readonly conversations: VersionedCache<MemberIndex>;
  private readonly users: VersionedCache<MembershipRecord[]>;

  constructor(
    @Inject(REDIS) redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
    repository: ConversationsRepository,
  ) {
    const prefix = config.redis.keyPrefix;
    this.conversations = new VersionedCache<MemberIndex>({
      redis,
      versionKey: (conversationId) => `${prefix}:members-version:${conversationId}`,
      load: async (conversationId) =>
        new Map(
          (await repository.members(conversationId)).map((row) => [row.userId.toHexString(), row.role]),
        ),
      keep: (members) => members.size > 0,
    });
    this.users = new VersionedCache<MembershipRecord[]>({
      redis,
      versionKey: (userId) => `${prefix}:memberships-version:${userId}`,
      load: (userId) => repository.membershipsOf(userId),
      keep: (memberships) => memberships.length > 0,
    });
  }

  members(conversationId: string): Promise<MemberIndex> {
    return this.conversations.get(conversationId);
  }

  membershipsOf(userId: string): Promise<MembershipRecord[]> {
    return this.users.get(userId);
  }

  /**
   * Must be awaited by every membership change after its database write and before it is reported done,
   * naming the users who joined or left (none for a role change).
   */
  async changed(conversationId: string, joinedOrLeft: readonly string[] = []): Promise<void> {
    await Promise.all([
      this.conversations.changed(conversationId),
      ...joinedOrLeft.map((userId) => this.users.changed(userId)),
    ]);
  }
}
