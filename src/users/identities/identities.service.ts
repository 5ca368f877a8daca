import { Injectable } from '@nestjs/common';
import { AuditAction, AuditTargetType } from '../../audit/audit-action';
import { AuditService } from '../../audit/audit.service';
import { UsersService } from '../users.service';
import { IdentitiesError, IdentitiesErrorCode } from './identities.errors';
import { IdentitiesRepository, IdentityRecord, NewIdentity } from './identities.repository';
import { OAuthProvider } from './identity.schema';

@Injectable()
export class IdentitiesService {
  constructor(
    private readonly identities: IdentitiesRepository,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  /** The user holding this provider account, if any. */
  async userIdOf(provider: OAuthProvider, providerUserId: string): Promise<string | undefined> {
    const identity = await this.identities.findByProviderId(provider, providerUserId);
    return identity?.userId.toHexString();
  }

  /** Links an identity; idempotent when it is already this user's, refused when it is someone else's. */
  async link(identity: NewIdentity): Promise<void> {
    if (await this.identities.insert(identity)) {
      this.recordChange(AuditAction.IdentityLinked, identity.userId, identity.provider);
      return;
    }
    const owner = await this.userIdOf(identity.provider, identity.providerUserId);
    if (owner === identity.userId) {
      return;
    }
    throw new IdentitiesError(
      owner ? IdentitiesErrorCode.LinkedToAnotherUser : IdentitiesErrorCode.AlreadyLinked,
    );
  }

  /** Drops an identity without the last-login check: only for undoing a claim whose user was never created. */
  async release(userId: string, provider: OAuthProvider): Promise<void> {
    if (await this.identities.remove(userId, provider)) {
      this.recordChange(AuditAction.IdentityUnlinked, userId, provider);
    }
  }

  /**
   * Refused when the account would keep no way to log in (no password and no other identity). Two
   * concurrent unlinks could each pass the check, so the check is repeated after the delete and a delete
   * that left nothing is undone.
   */
  async unlink(userId: string, provider: OAuthProvider): Promise<void> {
    const [user, identities] = await Promise.all([
      this.users.requireById(userId),
      this.identities.findByUser(userId),
    ]);
    const target = identities.find((identity) => identity.provider === provider);
    if (!target) {
      throw new IdentitiesError(IdentitiesErrorCode.NotLinked);
    }
    if (user.passwordHash) {
      await this.identities.remove(userId, provider);
      this.recordChange(AuditAction.IdentityUnlinked, userId, provider);
      return;
    }
    if (identities.length === 1) {
      throw new IdentitiesError(IdentitiesErrorCode.LastLoginMethod);
    }
    if (!(await this.identities.remove(userId, provider))) {
      throw new IdentitiesError(IdentitiesErrorCode.NotLinked);
    }
    if ((await this.identities.findByUser(userId)).length === 0) {
      const { userId: _owner, linkedAt: _linkedAt, _id: _recordId, ...rest } = target;
      await this.identities.insert({ ...rest, userId });
      throw new IdentitiesError(IdentitiesErrorCode.LastLoginMethod);
    }
    this.recordChange(AuditAction.IdentityUnlinked, userId, provider);
  }

  /** The user's provider logins (their data export lists them). */
  listOf(userId: string): Promise<IdentityRecord[]> {
    return this.identities.findByUser(userId);
  }

  /** Account deletion: every provider login goes, so the provider account can sign up afresh. */
  removeAllOf(userId: string): Promise<void> {
    return this.identities.removeAllOf(userId);
  }

  /**
   * The account's owner is the actor: links are made in a provider's callback, where no one is signed in
   * (their role is known when they are the caller, as for an unlink).
   */
  private recordChange(action: AuditAction, userId: string, provider: OAuthProvider): void {
    this.audit.record({
      action,
      actor: { id: userId },
      target: { type: AuditTargetType.User, id: userId },
      details: { provider },
    });
  }
}
