import { Inject, Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { AuditAction, AuditTargetType } from '../../audit/audit-action';
import { AuditService } from '../../audit/audit.service';
import { BackgroundWork } from '../../common/lifecycle/background-work';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { MailService } from '../../mail/mail.service';
import { UserStatus } from '../../users/user.schema';
import { UserRecord } from '../../users/users.repository';
import { UsersService } from '../../users/users.service';
import { AuthDomainEvent, UserRegisteredEvent } from '../auth.events';
import { AuthError, AuthErrorCode } from '../auth.errors';
import { PasswordHasher } from '../password-hasher';
import { SessionsService } from '../sessions.service';
import { EmailTokenPurpose, EmailTokensStore } from './email-tokens.store';

/** Email verification, forgotten-password reset and password change. */
@Injectable()
export class AccountEmailService {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: EmailTokensStore,
    private readonly mail: MailService,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly background: BackgroundWork,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** New password accounts get their verification link without asking (unless configured off). */
  @OnEvent(AuthDomainEvent.UserRegistered)
  onRegistered({ userId }: UserRegisteredEvent): void {
    if (this.config.mail.verifyOnRegister) {
      this.background.run('Verification email at sign-up', () => this.requestVerification(userId));
    }
  }

  async requestVerification(userId: string): Promise<void> {
    const user = await this.users.requireById(userId);
    if (user.emailVerified || !user.email) {
      return;
    }
    const ttl = this.config.mail.verifyTtlSeconds;
    const token = await this.tokens.issue(EmailTokenPurpose.VerifyEmail, userId, ttl);
    const link = this.link('verify-email', token);
    await this.mail.queue(
      { to: user.email, subject: 'Confirm your Parley email', text: `Confirm your email address: ${link}` },
      ttl,
    );
  }

  async confirmVerification(token: string): Promise<void> {
    const userId = await this.tokens.consume(EmailTokenPurpose.VerifyEmail, token);
    if (!userId) {
      throw new AuthError(AuthErrorCode.EmailTokenInvalid);
    }
    await this.users.markEmailVerified(userId);
  }

  /** Answers the same whether or not the account exists; only active accounts get an email. */
  async forgotPassword(email: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (!user?.email || user.status !== UserStatus.Active) {
      return;
    }
    const ttl = this.config.mail.resetTtlSeconds;
    const token = await this.tokens.issue(EmailTokenPurpose.ResetPassword, user._id.toHexString(), ttl);
    const link = this.link('reset-password', token);
    await this.mail.queue(
      { to: user.email, subject: 'Reset your Parley password', text: `Choose a new password: ${link}` },
      ttl,
    );
  }

  async resetPassword(token: string, password: string): Promise<void> {
    const userId = await this.tokens.consume(EmailTokenPurpose.ResetPassword, token);
    const user = userId ? await this.users.findById(userId) : null;
    if (!user || user.status !== UserStatus.Active) {
      throw new AuthError(AuthErrorCode.EmailTokenInvalid);
    }
    await this.replacePassword(user, password);
    // No one is signed in here: the emailed link proved the account's owner acted.
    const owner = user._id.toHexString();
    this.audit.record({
      action: AuditAction.PasswordReset,
      actor: { id: owner, role: user.role },
      target: { type: AuditTargetType.User, id: owner },
    });
  }

  async changePassword(userId: string, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.users.requireById(userId);
    if (!(await this.passwords.verify(user.passwordHash, currentPassword))) {
      throw new AuthError(AuthErrorCode.InvalidCredentials);
    }
    await this.replacePassword(user, newPassword);
    this.audit.record({
      action: AuditAction.PasswordChanged,
      target: { type: AuditTargetType.User, id: userId },
    });
  }

  /** A new password ends every session and voids every pending email link of the account. */
  private async replacePassword(user: UserRecord, password: string): Promise<void> {
    if (password.toLowerCase() === user.email) {
      throw new AuthError(AuthErrorCode.PasswordPolicy);
    }
    const userId = user._id.toHexString();
    await this.users.setPasswordHash(userId, await this.passwords.hash(password));
    await Promise.all([
      this.sessions.revokeAll(userId),
      this.tokens.cancelAll(EmailTokenPurpose.VerifyEmail, userId),
      this.tokens.cancelAll(EmailTokenPurpose.ResetPassword, userId),
    ]);
  }

  private link(path: string, token: string): string {
    return `${this.config.mail.publicWebUrl}/${path}?token=${token}`;
  }
}
