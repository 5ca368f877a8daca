import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '../common/redis/redis.constants';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ConversationsRepository } from './conversations.repository';
import { MemberRole } from './membership.schema';

/** Member user id -> role, in joining order. */
export type MemberIndex = ReadonlyMap<string, MemberRole>;

const MAX_ENTRIES = 10_000;
// Bounds what a lost version key (Redis restarted empty) could leave stale; see `changed`.
const MAX_AGE_MS = 30_000;
// Far longer than MAX_AGE_MS, so an entry loaded before a change never meets the key missing again.
const VERSION_TTL_S = 24 * 3600;

interface Entry {
  version: string | null;
  members: MemberIndex;
  loadedAt: number;
}

/**
 * The member list of each conversation, held in this process for the send path (checked on every message)
 * and validated on every use against a per-conversation version in Redis, which every membership change
 * replaces (under the membership lock, after its database write). A change therefore takes effect on every
 * instance as soon as it returns: an entry loaded before it carries the old version and is reloaded. An entry
 * stored by a load that raced with a change is labelled with the version read before the load, so it is at
 * worst reloaded once more. Versions are random, not counters, so a Redis that lost its data cannot bring an
 * old version back. While Redis is unreachable the database is read every time (fail safe, uncached).
 */
@Injectable()
export class MembershipCache {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Entry>>();

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: ConversationsRepository,
  ) {}

  async members(conversationId: string): Promise<MemberIndex> {
    let version: string | null;
    try {
      version = await this.redis.get(this.key(conversationId));
    } catch {
      return (await this.load(conversationId, null)).members;
    }
    const cached = this.entries.get(conversationId);
    if (cached && cached.version === version && Date.now() - cached.loadedAt < MAX_AGE_MS) {
      return cached.members;
    }
    const loadKey = `${conversationId}|${version ?? ''}`;
    let pending = this.loading.get(loadKey);
    if (!pending) {
      pending = this.load(conversationId, version).finally(() => this.loading.delete(loadKey));
      this.loading.set(loadKey, pending);
    }
    const entry = await pending;
    // An empty list is not kept: the conversation may simply not exist yet on this instance's view.
    if (entry.members.size > 0) {
      if (this.entries.size >= MAX_ENTRIES) {
        this.entries.clear();
      }
      this.entries.set(conversationId, entry);
    }
    return entry.members;
  }

  /** Must be awaited by every membership change after its database write and before it is reported done. */
  async changed(conversationId: string): Promise<void> {
    this.entries.delete(conversationId);
    await this.redis.set(this.key(conversationId), randomUUID(), 'EX', VERSION_TTL_S);
  }

  private async load(conversationId: string, version: string | null): Promise<Entry> {
    const loadedAt = Date.now();
    const rows = await this.repository.members(conversationId);
    return { version, loadedAt, members: new Map(rows.map((row) => [row.userId.toHexString(), row.role])) };
  }

  private key(conversationId: string): string {
    return `${this.config.redis.keyPrefix}:members-version:${conversationId}`;
  }
}
