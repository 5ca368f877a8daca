import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ConversationsService, UnreadDirect } from '../../conversations/conversations.service';
import { MailService, OutgoingEmail } from '../../mail/mail.service';
import { PresenceService } from '../../presence/presence.service';
import type { NotificationResponse } from '../../realtime/server-events';
import { NotificationSettingsService } from '../../users/notification-settings/notification-settings.service';
import { quietHoursEnd } from '../../users/notification-settings/quiet-hours';
import { UserStatus } from '../../users/user.schema';
import { UserRecord } from '../../users/users.repository';
import { UsersService } from '../../users/users.service';
import { InboxService } from '../inbox/inbox.service';
import { DigestItem, renderDigest } from './digest-content';
import { EmailDigestState } from './email-digest.state';
import { EmailDigestError, EmailDigestErrorCode } from './email-digest.errors';
import { unsubscribeKey, unsubscribeToken, unsubscribeTokenUser } from './unsubscribe-token';

const MINUTE_MS = 60_000;
/** A digest not delivered within a day is stale: its outbox entry expires and it is dropped. */
const OUTBOX_TTL_SECONDS = 86_400;

/** What a run did: `later` asks the job to run again at that time (quiet hours, or news during the run). */
export type DigestRun =
  | { outcome: 'sent'; items: number }
  | { outcome: 'skipped'; reason: 'no-address' | 'online' | 'opted-out' | 'nothing-unread' }
  | { outcome: 'later'; at: Date };

/**
 * An inbox entry as a digest line. `title`: its group's title; a direct conversation has none and is named
 * after the other person, who is the entry's actor.
 */
function entryItem(entry: NotificationResponse, title: string | null): DigestItem {
  if (entry.kind === 'service') {
    return { kind: 'service', title: entry.title };
  }
  const actors = entry.actors.map((actor) => actor.displayName);
  return {
    kind: entry.kind === 'mention' ? 'mention' : 'missed_call',
    conversationId: entry.conversationId,
    title: title ?? actors[0] ?? null,
    actors,
    actorCount: entry.actorCount,
    count: entry.count,
  };
}

/**
 * Builds and sends one user's digest when their countdown ends. Everything is read again then: the user may
 * have come back, read everything, turned digests off or lost their address meanwhile.
 */
@Injectable()
export class EmailDigestService {
  private readonly tokenKey: Buffer;

  constructor(
    private readonly users: UsersService,
    private readonly settings: NotificationSettingsService,
    private readonly presence: PresenceService,
    private readonly conversations: ConversationsService,
    private readonly inbox: InboxService,
    private readonly mail: MailService,
    private readonly state: EmailDigestState,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.tokenKey = unsubscribeKey(config.auth.accessTokenSecret);
  }

  async run(userId: string): Promise<DigestRun> {
    const startedAt = new Date();
    // Events from now on are read below; one that came while the job was already running asked for another run.
    await this.state.takeRunAgain(userId);
    const user = await this.users.findById(userId);
    if (!user?.email || !user.emailVerified || user.status !== UserStatus.Active) {
      return { outcome: 'skipped', reason: 'no-address' };
    }
    if ((await this.presence.onlineUserIds([userId])).length > 0) {
      return { outcome: 'skipped', reason: 'online' };
    }
    const settings = (await this.settings.settingsOf([userId])).get(userId)!;
    if (!settings.emailDigest) {
      return { outcome: 'skipped', reason: 'opted-out' };
    }
    const quietUntil = quietHoursEnd(settings, startedAt);
    if (quietUntil) {
      return { outcome: 'later', at: quietUntil };
    }
    const escalated = await this.state.escalated(userId);
    const items = await this.unreadItems(userId, await this.state.lastDigestAt(userId), escalated);
    if (items.length > 0) {
      await this.mail.queue(this.email(user, user.email, items), OUTBOX_TTL_SECONDS);
      await this.state.digestSent(userId, startedAt);
    }
    // Listed, or read meanwhile: either way no later digest needs them.
    await this.state.forgetEscalated(userId, escalated);
    if (await this.state.takeRunAgain(userId)) {
      return { outcome: 'later', at: new Date(Date.now() + settings.emailDelayMinutes * MINUTE_MS) };
    }
    return items.length > 0
      ? { outcome: 'sent', items: items.length }
      : { outcome: 'skipped', reason: 'nothing-unread' };
  }

  /** One-click unsubscribe: turns the token's user's digests off; doing it twice changes nothing. */
  async unsubscribe(token: string): Promise<void> {
    const userId = unsubscribeTokenUser(this.tokenKey, token);
    if (!userId) {
      throw new EmailDigestError(EmailDigestErrorCode.UnsubscribeTokenInvalid);
    }
    await this.settings.disableEmailDigest(userId);
  }

  /** The web client's page that confirms before it unsubscribes. */
  unsubscribePageUrl(token: string): string {
    return `${this.config.mail.publicWebUrl}/unsubscribe?token=${encodeURIComponent(token)}`;
  }

  /**
   * Unread direct conversations and inbox entries (mentions, missed calls, service entries that asked for
   * email) newer than the previous digest, newest first.
   */
  private async unreadItems(
    userId: string,
    since: Date | null,
    escalated: readonly string[],
  ): Promise<DigestItem[]> {
    const [directs, entries] = await Promise.all([
      this.conversations.unreadDirectOf(userId, since),
      this.inbox.unreadOf(userId, ['mention', 'missed_call', 'service'], since),
    ]);
    const emailed = new Set(escalated);
    const listed = entries.filter((entry) => entry.kind !== 'service' || emailed.has(entry.id));
    const titles = await this.titles(listed, directs);
    const dated: Array<{ at: number; item: DigestItem }> = [
      ...directs.map((direct) => ({
        at: direct.lastMessageAt.getTime(),
        item: {
          kind: 'messages' as const,
          conversationId: direct.conversationId,
          title: direct.otherName,
          count: direct.unreadCount,
        },
      })),
      ...listed.map((entry) => ({
        at: Date.parse(entry.updatedAt),
        item: entryItem(entry, entry.conversationId ? (titles.get(entry.conversationId) ?? null) : null),
      })),
    ];
    return dated.sort((a, b) => b.at - a.at).map(({ item }) => item);
  }

  /** Each entry's conversation title: a group's own, else (direct) the other member's name. */
  private async titles(
    entries: readonly NotificationResponse[],
    directs: readonly UnreadDirect[],
  ): Promise<Map<string, string | null>> {
    const known = new Map<string, string | null>(directs.map((d) => [d.conversationId, d.otherName]));
    const missing = [
      ...new Set(entries.flatMap((entry) => (entry.conversationId ? [entry.conversationId] : []))),
    ].filter((id) => !known.has(id));
    const found = await Promise.all(missing.map((id) => this.conversations.titleOf(id)));
    missing.forEach((id, index) => known.set(id, found[index]));
    return known;
  }

  private email(user: UserRecord, to: string, items: readonly DigestItem[]): OutgoingEmail {
    const token = unsubscribeToken(this.tokenKey, user._id.toHexString());
    const content = renderDigest(user.displayName, items, {
      webUrl: this.config.mail.publicWebUrl,
      unsubscribeUrl: this.unsubscribePageUrl(token),
    });
    return {
      to,
      ...content,
      headers: {
        // RFC 8058: a mail provider's "unsubscribe" button POSTs `List-Unsubscribe=One-Click` to this URL.
        'List-Unsubscribe': `<${this.config.oauth.publicApiUrl}/api/v1/notifications/email/unsubscribe?token=${token}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    };
  }
}
