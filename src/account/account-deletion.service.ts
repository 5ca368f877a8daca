import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AuditAction, AuditTargetType } from '../audit/audit-action';
import { AuditService } from '../audit/audit.service';
import { PasswordHasher } from '../auth/password-hasher';
import { SessionsService } from '../auth/sessions.service';
import { AuthUser } from '../common/auth/auth-user';
import { BackgroundWork } from '../common/lifecycle/background-work';
import { JobName } from '../common/queue/jobs';
import { JobsService } from '../common/queue/jobs.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ConversationMembersService } from '../conversations/conversation-members.service';
import { ConversationsService } from '../conversations/conversations.service';
import { AccountMessagesService } from '../messages/account-messages.service';
import { EmailDigestScheduler } from '../notifications/digest/email-digest.scheduler';
import { InboxService } from '../notifications/inbox/inbox.service';
import { PushSubscriptionsService } from '../notifications/push-subscriptions.service';
import { UploadService } from '../upload/upload.service';
import { BlocksService } from '../users/blocks/blocks.service';
import { IdentitiesService } from '../users/identities/identities.service';
import { UserStatus } from '../users/user.schema';
import { UserRecord } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import { AccountExportsService } from './account-exports.service';
import { DeleteAccountDto, DeletionResponse } from './account.dto';
import { AccountError, AccountErrorCode } from './account.errors';

/** Deletions resumed per boot pass; more wait for the next boot (or a rerun of the job). */
const RESUME_BATCH = 100;

/**
 * Account deletion (GDPR article 17) as a resumable state machine. The request re-authenticates the owner,
 * marks the account `deleting` (every session and socket ends at once) and enqueues one job; the job runs
 * idempotent steps, the last of which marks the account `deleted`. A job that dies midway is retried by
 * BullMQ, and every boot re-enqueues the deletions still `deleting` (an instance may die between marking
 * and enqueueing): each step is safe to run again, so a rerun finishes what the first run left.
 */
@Injectable()
export class AccountDeletionService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AccountDeletionService.name);

  constructor(
    private readonly users: UsersService,
    private readonly identities: IdentitiesService,
    private readonly blocks: BlocksService,
    private readonly sessions: SessionsService,
    private readonly passwords: PasswordHasher,
    private readonly conversations: ConversationsService,
    private readonly members: ConversationMembersService,
    private readonly messages: AccountMessagesService,
    private readonly uploads: UploadService,
    private readonly pushSubscriptions: PushSubscriptionsService,
    private readonly inbox: InboxService,
    private readonly emailDigests: EmailDigestScheduler,
    private readonly exports: AccountExportsService,
    private readonly jobs: JobsService,
    private readonly audit: AuditService,
    private readonly background: BackgroundWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.background.run('Resume account deletions', async () => {
      for (const userId of await this.users.pendingDeletions(RESUME_BATCH)) {
        await this.enqueue(userId);
      }
    });
  }

  async request(caller: AuthUser, body: DeleteAccountDto): Promise<DeletionResponse> {
    const user = await this.users.requireById(caller.userId);
    if (user.status === UserStatus.Deleting || user.status === UserStatus.Deleted) {
      return { state: user.status };
    }
    await this.reauthenticate(user, caller.sessionId, body.password);
    const state = await this.users.beginDeletion(caller.userId);
    if (state === UserStatus.Deleting) {
      await this.enqueue(caller.userId);
      this.audit.record({
        action: AuditAction.DeletionRequested,
        target: { type: AuditTargetType.User, id: caller.userId },
        details: { messages: this.config.account.deletionMessages },
      });
    }
    return { state: state === UserStatus.Deleted ? UserStatus.Deleted : UserStatus.Deleting };
  }

  /** The job: every step is idempotent, and the account is marked `deleted` only after all of them. */
  async run(userId: string): Promise<void> {
    const user = await this.users.findById(userId);
    if (user?.status !== UserStatus.Deleting) {
      return;
    }
    await this.sessions.revokeAll(userId);
    // Messages before memberships: erasing reactions needs the user's conversations, which leaving forgets.
    const conversationIds = (await this.conversations.accountMemberships(userId)).map(
      (m) => m.conversationId,
    );
    await this.messages.eraseOf(userId, this.config.account.deletionMessages, conversationIds);
    for (const conversationId of conversationIds) {
      await this.members.leaveForDeletion(conversationId, userId);
    }
    await this.identities.removeAllOf(userId);
    await this.pushSubscriptions.removeAllOf(userId);
    await this.inbox.removeAllOf(userId);
    await this.emailDigests.forget(userId);
    await this.blocks.removeAllOf(userId);
    await this.uploads.removeAllOf(userId);
    await this.exports.deleteAllOf(userId);
    await this.sessions.deleteAllOf(userId);
    await this.users.erasePersonalData(userId);
    this.audit.record({
      action: AuditAction.Deleted,
      actor: null,
      target: { type: AuditTargetType.User, id: userId },
      details: { messages: this.config.account.deletionMessages },
    });
    this.logger.log({ userId }, 'Account deleted');
  }

  /** Without a fixed job id: a rerun after a failed or finished job must not be taken for a duplicate. */
  private async enqueue(userId: string): Promise<void> {
    await this.jobs.enqueue(JobName.DeleteAccount, { userId });
  }

  /**
   * A password account gives its password; an account that signs in only through a provider proves itself by
   * a session opened within the last few minutes (a fresh provider sign-in).
   */
  private async reauthenticate(
    user: UserRecord,
    sessionId: string,
    password: string | undefined,
  ): Promise<void> {
    if (user.passwordHash) {
      if (password === undefined) {
        throw new AccountError(AccountErrorCode.ReauthRequired, 'Give your password to delete your account');
      }
      if (!(await this.passwords.verify(user.passwordHash, password))) {
        throw new AccountError(AccountErrorCode.PasswordIncorrect);
      }
      return;
    }
    const session = await this.sessions.findById(sessionId);
    const maxAge = this.config.account.deletionReauthMaxAgeMs;
    if (!session || session.createdAt.getTime() + maxAge < Date.now()) {
      throw new AccountError(AccountErrorCode.ReauthRequired);
    }
  }
}
