import { Injectable } from '@nestjs/common';
import { JobName } from '../../common/queue/jobs';
import { JobsService } from '../../common/queue/jobs.service';
import { ConversationsService } from '../../conversations/conversations.service';
import { PresenceService } from '../../presence/presence.service';
import { NotificationResponse } from '../../realtime/server-events';
import { NotificationSettingsService } from '../../users/notification-settings/notification-settings.service';
import { pushAllowed } from '../../users/notification-settings/quiet-hours';
import { notificationPush } from '../notification-push-content';
import { PushDeliveryService } from '../push-delivery.service';
import { SubscribedUsers } from '../subscribed-users';
import { WebPushSender } from '../web-push.sender';
import { inboxJobIds } from './inbox-job-ids';

/**
 * Web Push of inbox entries (reactions, being added, role changes, service notifications; mentions and
 * replies are pushed as messages already). Scheduled by `deliver` as a job per entry and size, so a
 * retried deliver pushes once; the job pushes the entry as it stands then, to a recipient with no socket open.
 */
@Injectable()
export class InboxPushService {
  constructor(
    private readonly jobs: JobsService,
    private readonly sender: WebPushSender,
    private readonly subscribedUsers: SubscribedUsers,
    private readonly presence: PresenceService,
    private readonly delivery: PushDeliveryService,
    private readonly conversations: ConversationsService,
    private readonly settings: NotificationSettingsService,
  ) {}

  /** No job while Web Push is off or the user never registered a device (one Redis read). */
  async schedule(userId: string, notificationId: string, count: number): Promise<void> {
    if (!this.sender.publicKey || !(await this.subscribedUsers.anyOf([userId]))) {
      return;
    }
    await this.jobs.enqueue(
      JobName.PushNotification,
      { userId, notificationId },
      { jobId: inboxJobIds.push(notificationId, count) },
    );
  }

  /**
   * The user's usable subscriptions (ids): none while they have a socket open, turned push off or are in
   * their quiet hours (a push held back then is dropped, not delayed: the entry waits in the inbox).
   */
  async subscriptionsToPush(userId: string): Promise<string[]> {
    const [online, settings] = await Promise.all([
      this.presence.onlineUserIds([userId]),
      this.settings.settingsOf([userId]),
    ]);
    if (online.length > 0 || !pushAllowed(settings.get(userId)!, new Date())) {
      return [];
    }
    return this.delivery.liveSubscriptionsOf(userId);
  }

  /** Pushes the entry; returns the subscription ids worth another attempt. */
  push(entry: NotificationResponse, subscriptionIds: readonly string[]): Promise<string[]> {
    return this.delivery.send(
      subscriptionIds,
      async () => {
        const title = entry.conversationId ? await this.conversations.titleOf(entry.conversationId) : null;
        return JSON.stringify(notificationPush(entry, title));
      },
      entry.id,
    );
  }
}
