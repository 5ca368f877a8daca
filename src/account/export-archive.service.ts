import { Injectable } from '@nestjs/common';
import { SessionsService } from '../auth/sessions.service';
import { CallHistoryService } from '../calls/history/call-history.service';
import { ConversationsService } from '../conversations/conversations.service';
import { AccountMessagesService } from '../messages/account-messages.service';
import { MessageResponse } from '../messages/message.response';
import { ReportsService } from '../moderation/reports.service';
import { InboxService } from '../notifications/inbox/inbox.service';
import { PushSubscriptionsService } from '../notifications/push-subscriptions.service';
import { UploadService } from '../upload/upload.service';
import { BlocksService } from '../users/blocks/blocks.service';
import { IdentitiesService } from '../users/identities/identities.service';
import { UsersService } from '../users/users.service';

/** Version of the archive's layout (docs/privacy.md, "Your data"); raised when a field changes meaning. */
export const EXPORT_FORMAT_VERSION = 1;

/**
 * Gathers everything Parley holds about one user into one JSON document: what they gave, what they wrote
 * (their own messages, decrypted; never other people's) and what the server recorded about them. Secrets
 * are left out: password hash, refresh-token hashes, push subscriptions' keys.
 */
@Injectable()
export class ExportArchiveService {
  constructor(
    private readonly users: UsersService,
    private readonly identities: IdentitiesService,
    private readonly blocks: BlocksService,
    private readonly sessions: SessionsService,
    private readonly conversations: ConversationsService,
    private readonly messages: AccountMessagesService,
    private readonly uploads: UploadService,
    private readonly pushSubscriptions: PushSubscriptionsService,
    private readonly inbox: InboxService,
    private readonly reports: ReportsService,
    private readonly calls: CallHistoryService,
  ) {}

  async build(userId: string, exportId: string): Promise<Record<string, unknown>> {
    const user = await this.users.requireById(userId);
    const [
      identities,
      blocks,
      sessions,
      memberships,
      uploads,
      pushSubscriptions,
      inbox,
      messages,
      reports,
      calls,
    ] = await Promise.all([
      this.identities.listOf(userId),
      this.blocks.list(userId),
      this.sessions.allOf(userId),
      this.conversations.accountMemberships(userId),
      this.uploads.listOf(userId),
      this.pushSubscriptions.listOf(userId),
      this.inbox.allOf(userId),
      this.ownMessages(userId),
      this.reports.allFiledBy(userId),
      this.calls.allOf(userId),
    ]);
    return {
      format: 'parley-account-export',
      version: EXPORT_FORMAT_VERSION,
      exportId,
      generatedAt: new Date().toISOString(),
      profile: {
        id: userId,
        email: user.email ?? null,
        emailVerified: user.emailVerified,
        displayName: user.displayName,
        avatarUrl: user.avatarUrl ?? null,
        role: user.role,
        status: user.status,
        hideLastSeen: user.hideLastSeen,
        notificationSettings: user.notificationSettings ?? {},
        hasPassword: Boolean(user.passwordHash),
        createdAt: user.createdAt.toISOString(),
        updatedAt: user.updatedAt.toISOString(),
      },
      identities: identities.map((identity) => ({
        provider: identity.provider,
        providerUserId: identity.providerUserId,
        email: identity.email ?? null,
        emailVerified: identity.emailVerified,
        linkedAt: identity.linkedAt.toISOString(),
      })),
      sessions: sessions.map((session) => ({
        id: session._id.toHexString(),
        deviceLabel: session.deviceLabel,
        ip: session.ip,
        createdAt: session.createdAt.toISOString(),
        lastUsedAt: session.lastUsedAt.toISOString(),
        expiresAt: session.expiresAt.toISOString(),
        revokedAt: session.revokedAt?.toISOString() ?? null,
      })),
      memberships,
      messages,
      // Every call the user started, was rung for or joined, as `GET /calls` lists it.
      calls,
      uploads: uploads.map((upload) => ({
        id: upload._id.toHexString(),
        // Only legacy uploads have a permanent URL; the others are delivered through signed URLs.
        url: upload.url ?? null,
        name: upload.name ?? null,
        mimeType: upload.mimeType ?? null,
        resourceType: upload.resourceType,
        bytes: upload.bytes,
        createdAt: upload.createdAt.toISOString(),
      })),
      blocks: blocks.map((entry) => ({ userId: entry.user.id, blockedAt: entry.blockedAt })),
      notifications: {
        pushSubscriptions: pushSubscriptions.map(({ current: _current, ...subscription }) => subscription),
        inbox,
      },
      // As the reporter sees them: their own note, the outcome, never the moderator.
      reportsFiled: reports,
    };
  }

  private async ownMessages(userId: string): Promise<MessageResponse[]> {
    const all: MessageResponse[] = [];
    for (;;) {
      const page = await this.messages.ownPage(userId, all.at(-1)?.id);
      if (page.length === 0) {
        return all;
      }
      all.push(...page);
    }
  }
}
