import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Types } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AuditAction, AuditTargetType } from '../audit/audit-action';
import { AuditService } from '../audit/audit.service';
import { Role } from '../common/auth/role';
import { currentRequestContext, runInContext } from '../common/context/request-context';
import { JobName } from '../common/queue/jobs';
import { JobsService } from '../common/queue/jobs.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { BackgroundWork } from '../common/lifecycle/background-work';
import { queryKeys } from '../common/text/search-words';
import { IdentitiesRepository } from './identities/identities.repository';
import { UserDeletingEvent, UserDisabledEvent, UsersDomainEvent, UserSuspendedEvent } from './users.events';
import { maySuspend, suspensionEnd } from './suspension-policy';
import { UserRoleCache } from './user-role.cache';
import { UserStatus } from './user.schema';
import { toUserResponse, UpdateProfileDto, UserResponse } from './users.dto';
import { UsersError, UsersErrorCode } from './users.errors';
import { NewUser, UserRecord, UsersRepository } from './users.repository';

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  constructor(
    private readonly users: UsersRepository,
    private readonly identities: IdentitiesRepository,
    private readonly events: EventEmitter2,
    private readonly background: BackgroundWork,
    private readonly audit: AuditService,
    private readonly roles: UserRoleCache,
    private readonly jobs: JobsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Users stored before name keys existed become searchable; every instance may run it, it is idempotent. */
  onApplicationBootstrap(): void {
    this.background.run('Name keys backfill', async () => {
      for (;;) {
        const batch = await this.users.withoutNameKeys(NAME_KEYS_BACKFILL_BATCH);
        if (batch.length === 0) {
          return;
        }
        await this.users.setNameKeys(batch);
      }
    });
  }

  /** Creates a user, or returns undefined when the email is taken. */
  create(user: NewUser): Promise<UserRecord | undefined> {
    return this.users.create(user);
  }

  /** Like create, under an id chosen beforehand (an OAuth identity claims it before the user exists). */
  createWithId(id: Types.ObjectId, user: NewUser): Promise<UserRecord | undefined> {
    return this.users.create(user, id);
  }

  findById(id: string): Promise<UserRecord | null> {
    return this.users.findById(id);
  }

  findByIds(ids: readonly string[]): Promise<UserRecord[]> {
    return this.users.findByIds(ids);
  }

  /** Names of those of these users whose name has a word starting with one of the keys (see `queryKeys`). */
  namesWithAnyKey(
    ids: readonly string[],
    keys: readonly string[],
  ): Promise<Array<{ id: string; displayName: string }>> {
    return this.users.namesWithAnyKey(ids, keys);
  }

  /** Which of these users hide their last-seen time. */
  async lastSeenHidden(ids: readonly string[]): Promise<Set<string>> {
    const users = await this.users.findByIds(ids);
    return new Set(users.filter((user) => user.hideLastSeen).map((user) => user._id.toHexString()));
  }

  /** The owner's view of an account, with the provider logins linked to it. */
  async accountOf(user: UserRecord): Promise<UserResponse> {
    return toUserResponse(user, await this.identities.findByUser(user._id.toHexString()));
  }

  /** Like accountOf, by id (the two reads run at once); null when there is no such user. */
  async findAccount(userId: string): Promise<UserResponse | null> {
    const [user, identities] = await Promise.all([
      this.users.findById(userId),
      this.identities.findByUser(userId),
    ]);
    return user ? toUserResponse(user, identities) : null;
  }

  async requireAccount(userId: string): Promise<UserResponse> {
    const account = await this.findAccount(userId);
    if (!account) {
      throw new UsersError(UsersErrorCode.NotFound);
    }
    return account;
  }

  async updateProfile(userId: string, changes: UpdateProfileDto): Promise<UserResponse> {
    const user = await this.users.update(userId, changes);
    if (!user) {
      throw new UsersError(UsersErrorCode.NotFound);
    }
    return this.accountOf(user);
  }

  async requireById(userId: string): Promise<UserRecord> {
    const user = await this.users.findById(userId);
    if (!user) {
      throw new UsersError(UsersErrorCode.NotFound);
    }
    return user;
  }

  /**
   * Other active users by the start of the words of their display name (every query word must start one), or
   * by a whole email address. Part of an address finds nobody, so search cannot list a domain's users.
   */
  async search(callerId: string, query: string): Promise<UserRecord[]> {
    const wanted = searchTermsOf(query);
    if (wanted === null) {
      return [];
    }
    if ('emailKey' in wanted) {
      const user = await this.users.findByEmail(wanted.emailKey);
      const found = user && user.status === UserStatus.Active && user._id.toHexString() !== callerId;
      return found ? [user] : [];
    }
    return this.users.searchByNameKeys(wanted.keys, callerId, SEARCH_LIMIT);
  }

  async setStatus(userId: string, status: UserStatus): Promise<UserResponse> {
    // An account being deleted or deleted is not brought back (its erasure job would stop halfway).
    if (isLeaving((await this.users.findById(userId))?.status)) {
      throw new UsersError(UsersErrorCode.NotFound);
    }
    const user = await this.users.update(userId, { status });
    if (!user) {
      throw new UsersError(UsersErrorCode.NotFound);
    }
    if (status === UserStatus.Disabled) {
      // emitAsync: the sessions are ended before the caller hears the account is disabled.
      await this.events.emitAsync(UsersDomainEvent.UserDisabled, { userId } satisfies UserDisabledEvent);
    }
    this.audit.record({
      action: AuditAction.StatusChanged,
      target: { type: AuditTargetType.User, id: userId },
      details: { status },
    });
    return this.accountOf(user);
  }

  /**
   * Appoints or removes admins and moderators. Takes effect at once on every instance (the RolesGuard reads
   * the role from UserRoleCache, not the token) and signs nobody out. The last admin stays one (409).
   */
  async setRole(userId: string, role: Role): Promise<UserRecord> {
    const before = await this.requireById(userId);
    if (
      before.role === Role.Admin &&
      role !== Role.Admin &&
      (await this.users.countByRole(Role.Admin)) <= 1
    ) {
      throw new UsersError(UsersErrorCode.LastAdmin);
    }
    const user = await this.users.update(userId, { role });
    if (!user) {
      throw new UsersError(UsersErrorCode.NotFound);
    }
    await this.roles.changed(userId);
    this.audit.record({
      action: AuditAction.RoleChanged,
      target: { type: AuditTargetType.User, id: userId },
      details: { role, previousRole: before.role },
    });
    return user;
  }

  /** The user's role now (not the one in their access token); null when there is no such user. */
  currentRole(userId: string): Promise<Role | null> {
    return this.roles.roleOf(userId);
  }

  /**
   * Suspends the account (replacing any current suspension): its sessions end and its sockets close on every
   * instance before this returns, and sign-ins are refused until it is lifted, by hand or, with `until`, by a
   * scheduled job. A moderator calling (over HTTP) may suspend members only.
   */
  async suspend(userId: string, input: { until: Date | null; reason: string }): Promise<UserRecord> {
    const target = await this.requireById(userId);
    const context = currentRequestContext();
    const caller = context?.source === 'http' ? context.caller() : undefined;
    if (!maySuspend(caller?.role, target.role)) {
      throw new UsersError(UsersErrorCode.RoleTooHigh);
    }
    if (target.status === UserStatus.Disabled) {
      throw new UsersError(UsersErrorCode.Disabled);
    }
    const suspensionId = randomUUID();
    const user = await this.users.suspend(userId, { ...input, suspensionId });
    if (!user) {
      throw new UsersError(UsersErrorCode.NotFound);
    }
    // Sessions and sockets end first: a failure to schedule the lift must not leave them open.
    await this.events.emitAsync(UsersDomainEvent.UserSuspended, {
      userId,
      until: input.until,
    } satisfies UserSuspendedEvent);
    if (input.until) {
      await this.jobs.enqueue(
        JobName.LiftSuspension,
        { userId, suspensionId },
        // The job id dedupes a retried enqueue; a stale job (the suspension replaced or lifted) does nothing.
        { jobId: `lift-suspension-${suspensionId}`, delay: Math.max(0, input.until.getTime() - Date.now()) },
      );
    }
    this.audit.record({
      action: AuditAction.Suspended,
      target: { type: AuditTargetType.User, id: userId },
      details: { reason: input.reason, until: input.until?.toISOString() ?? null },
    });
    return user;
  }

  /** Suspends for `durationHours` (at least SUSPENSION_MIN_SECONDS), or until lifted when left out. */
  suspendFor(userId: string, reason: string, durationHours?: number): Promise<UserRecord> {
    const minSeconds = this.config.moderation.suspensionMinSeconds;
    const until = suspensionEnd(durationHours, minSeconds, Date.now());
    if (until === undefined) {
      throw new UsersError(UsersErrorCode.SuspensionTooShort, undefined, { minSeconds });
    }
    return this.suspend(userId, { until, reason });
  }

  /** Lifts the user's suspension by hand; 409 USER_NOT_SUSPENDED when there is none. */
  async unsuspend(userId: string): Promise<UserRecord> {
    await this.requireById(userId);
    const user = await this.users.unsuspend(userId);
    if (!user) {
      throw new UsersError(UsersErrorCode.NotSuspended);
    }
    this.audit.record({
      action: AuditAction.Unsuspended,
      target: { type: AuditTargetType.User, id: userId },
    });
    return user;
  }

  /** The scheduled end of a timed suspension: does nothing once that suspension was replaced or lifted. */
  async liftSuspension(userId: string, suspensionId: string): Promise<void> {
    if (await this.users.unsuspend(userId, suspensionId)) {
      // Recorded with `details.source: 'schedule'` and no actor.
      runInContext({ source: 'schedule' }, () =>
        this.audit.record({
          action: AuditAction.Unsuspended,
          actor: null,
          target: { type: AuditTargetType.User, id: userId },
        }),
      );
    }
  }

  /** Users for the admin list, by role and/or by name words or a whole email address. */
  listForAdmin(filter: { role?: Role; q?: string }): Promise<UserRecord[]> {
    const q = filter.q?.trim();
    const wanted = q ? searchTermsOf(q) : {};
    if (wanted === null) {
      return Promise.resolve([]);
    }
    return this.users.list({ role: filter.role, ...wanted }, ADMIN_LIST_LIMIT);
  }

  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.users.update(userId, { passwordHash });
  }

  async markEmailVerified(userId: string): Promise<void> {
    await this.users.update(userId, { emailVerified: true });
  }

  findByEmail(email: string): Promise<UserRecord | null> {
    return this.users.findByEmail(normaliseEmail(email));
  }

  /**
   * First step of an account deletion: the user is marked `deleting` (atomically, once) and every session and
   * socket ends before this returns. Returns the user's status afterwards.
   */
  async beginDeletion(userId: string): Promise<UserStatus> {
    const user = await this.users.markDeleting(userId);
    if (!user) {
      throw new UsersError(UsersErrorCode.NotFound);
    }
    if (user.status === UserStatus.Deleting) {
      // Repeated while deleting too: ending sessions twice changes nothing.
      await this.events.emitAsync(UsersDomainEvent.UserDeleting, { userId } satisfies UserDeletingEvent);
    }
    return user.status;
  }

  /** Ids of users whose deletion has not finished. */
  async pendingDeletions(limit: number): Promise<string[]> {
    return (await this.users.deleting(limit)).map((user) => user._id.toHexString());
  }

  /** Last step of an account deletion: email, names, avatar and password hash are erased; idempotent. */
  erasePersonalData(userId: string): Promise<void> {
    return this.users.erase(userId);
  }
}

const SEARCH_LIMIT = 10;
const ADMIN_LIST_LIMIT = 100;
const NAME_KEYS_BACKFILL_BATCH = 500;

function isLeaving(status: UserStatus | undefined): boolean {
  return status === UserStatus.Deleting || status === UserStatus.Deleted;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * What a search text asks for, the one rule of user search and the admin list: a whole email address (its
 * key), or the start of name words (their keys); null when it holds neither, so nothing can match.
 */
function searchTermsOf(query: string): { emailKey: string } | { keys: string[] } | null {
  if (z.email().safeParse(query).success) {
    return { emailKey: normaliseEmail(query) };
  }
  const keys = queryKeys(query);
  return keys.length === 0 ? null : { keys };
}
