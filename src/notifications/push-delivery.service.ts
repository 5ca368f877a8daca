import { Inject, Injectable, Logger } from '@nestjs/common';
import { SessionsService } from '../auth/sessions.service';
import { AppError } from '../common/errors/app-error';
import { JobName, JobPayloads } from '../common/queue/jobs';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ConversationKind } from '../conversations/conversation.schema';
import { ConversationsService } from '../conversations/conversations.service';
import { broadcastMentionOf } from '../messages/broadcast-mention';
import { MessageResponse } from '../messages/message.response';
import { MessagesErrorCode } from '../messages/messages.errors';
import { MessagesService } from '../messages/messages.service';
import { PresenceService } from '../presence/presence.service';
import { BlocksService } from '../users/blocks/blocks.service';
import { NotificationSettingsService } from '../users/notification-settings/notification-settings.service';
import { pushAllowed } from '../users/notification-settings/quiet-hours';
import { UsersService } from '../users/users.service';
import { pushCandidates } from './push-audience';
import { NewMessagePush, newMessagePush } from './push-content';
import { PushSubscriptionRecord, PushSubscriptionsRepository } from './push-subscriptions.repository';
import { WebPushSender } from './web-push.sender';

type PushJob = JobPayloads[JobName.PushNewMessage];

/** Requests to push services in flight at once per job: a large group's pushes go out in waves. */
const PARALLEL_PUSHES = 10;

/** Who gets a push for a stored message, and sending it to their devices. */
@Injectable()
export class PushDeliveryService {
  private readonly logger = new Logger(PushDeliveryService.name);

  constructor(
    private readonly messages: MessagesService,
    private readonly conversations: ConversationsService,
    private readonly presence: PresenceService,
    private readonly users: UsersService,
    private readonly blocks: BlocksService,
    private readonly notificationSettings: NotificationSettingsService,
    private readonly sessions: SessionsService,
    private readonly repository: PushSubscriptionsRepository,
    private readonly sender: WebPushSender,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The subscriptions (ids) to push the message to: those of members who are offline now, whose preferences
   * in the conversation let it through (see `pushCandidates`), who have push on and are outside their quiet
   * hours, have not blocked the sender, and whose session is still live. The
   * cheap questions come first (cached members and blocks, presence, then subscriptions of the offline ones),
   * so a message whose offline recipients registered no device costs no membership reads.
   */
  async subscriptionsToPush(message: MessageResponse): Promise<string[]> {
    const { conversationId } = message;
    const [members, { blockedBy }] = await Promise.all([
      this.conversations.cachedMemberIds(conversationId),
      this.blocks.relationsOf(message.senderId),
    ]);
    const recipients = members.filter((userId) => userId !== message.senderId && !blockedBy.has(userId));
    const online = new Set(await this.presence.onlineUserIds(recipients));
    const subscriptions = await this.repository.ofUsers(recipients.filter((userId) => !online.has(userId)));
    if (subscriptions.length === 0) {
      return [];
    }
    const subscribed = [...new Set(subscriptions.map((subscription) => subscription.userId.toHexString()))];
    const [states, settings, repliedToUserId, mentionsAll] = await Promise.all([
      this.conversations.notificationStates(conversationId, subscribed),
      this.notificationSettings.settingsOf(subscribed),
      this.repliedToUserId(message),
      this.mentionsAll(message),
    ]);
    const now = new Date();
    const wanted = new Set(
      pushCandidates(states, {
        senderId: message.senderId,
        mentions: message.mentions,
        repliedToUserId,
        mentionsAll,
      }).filter((userId) => pushAllowed(settings.get(userId)!, now)),
    );
    const chosen = subscriptions.filter((subscription) => wanted.has(subscription.userId.toHexString()));
    return (await this.usable(chosen)).map((subscription) => subscription._id.toHexString());
  }

  /** Pushes the message to these subscriptions; returns the ids worth another attempt (429, 5xx, network). */
  async push(message: MessageResponse, subscriptionIds: readonly string[]): Promise<string[]> {
    return this.send(
      subscriptionIds,
      async () => JSON.stringify(await this.payloadOf(message)),
      message.conversationId,
    );
  }

  /**
   * Sends a payload (built only when some subscription is left) to these subscriptions, in waves; `topic`
   * lets the push service replace an undelivered older push of the same topic. Deletes the subscriptions
   * that are gone; returns the ids worth another attempt (429, 5xx, network). `ttlSeconds`: how long push
   * services keep it for an offline device (the sender's day by default).
   */
  async send(
    subscriptionIds: readonly string[],
    payloadOf: () => Promise<string>,
    topic: string,
    ttlSeconds?: number,
  ): Promise<string[]> {
    const subscriptions = await this.repository.findByIds(subscriptionIds);
    if (subscriptions.length === 0) {
      return [];
    }
    const payload = await payloadOf();
    const retry: string[] = [];
    const gone: string[] = [];
    for (let start = 0; start < subscriptions.length; start += PARALLEL_PUSHES) {
      const wave = subscriptions.slice(start, start + PARALLEL_PUSHES);
      await Promise.all(
        wave.map(async (subscription) => {
          const id = subscription._id.toHexString();
          const { endpoint, p256dh, auth } = subscription;
          const target = { endpoint, keys: { p256dh, auth } };
          const { outcome, detail } = await this.sender.send(target, payload, topic, ttlSeconds);
          if (outcome === 'gone') {
            gone.push(id);
          } else if (outcome === 'retry') {
            retry.push(id);
          }
          if (outcome !== 'delivered') {
            // The endpoint is a capability URL: only its origin goes to the logs.
            const origin = new URL(subscription.endpoint).origin;
            this.logger.warn(`Push ${outcome} for subscription ${id} at ${origin}: ${detail}`);
          }
        }),
      );
    }
    await this.repository.deleteByIds(gone);
    return retry;
  }

  /** The ids of the user's subscriptions that are still usable (see `usable`). */
  async liveSubscriptionsOf(userId: string): Promise<string[]> {
    const subscriptions = await this.repository.ofUsers([userId]);
    return (await this.usable(subscriptions)).map((subscription) => subscription._id.toHexString());
  }

  /**
   * The message as members see it (decrypted), or null once it is deleted or was never stored: then nobody
   * gets a push. Read once per attempt and handed to the two steps above.
   */
  async messageOf(job: PushJob): Promise<MessageResponse | null> {
    try {
      const message = this.messages.toResponse(
        await this.messages.require(job.conversationId, job.messageId),
      );
      return message.deletedAt ? null : message;
    } catch (error) {
      if (error instanceof AppError && (error.code as MessagesErrorCode) === MessagesErrorCode.NotFound) {
        return null;
      }
      throw error;
    }
  }

  /** Who sent the message this one replies to: a reply reaches them like a mention does. */
  /** An `@all` counts in groups only (see docs/notifications.md#inbox). */
  private async mentionsAll(message: MessageResponse): Promise<boolean> {
    if (broadcastMentionOf(message.content ?? '') !== 'all') {
      return false;
    }
    return (await this.conversations.kindOf(message.conversationId)) === ConversationKind.Group;
  }

  private async repliedToUserId(message: MessageResponse): Promise<string | null> {
    return message.replyTo ? this.messages.senderOf(message.conversationId, message.replyTo) : null;
  }

  /** Drops (and deletes) subscriptions past their expiry or of sessions that ended. */
  private async usable(subscriptions: PushSubscriptionRecord[]): Promise<PushSubscriptionRecord[]> {
    const now = Date.now();
    const live = await Promise.all(
      subscriptions.map(async (subscription) =>
        subscription.expiresAt && subscription.expiresAt.getTime() <= now
          ? false
          : this.sessions.isActive(subscription.sessionId.toHexString()),
      ),
    );
    await this.repository.deleteByIds(
      subscriptions.filter((_, index) => !live[index]).map((subscription) => subscription._id.toHexString()),
    );
    return subscriptions.filter((_, index) => live[index]);
  }

  private async payloadOf(message: MessageResponse): Promise<NewMessagePush> {
    const [sender, title] = await Promise.all([
      this.users.findById(message.senderId),
      this.conversations.titleOf(message.conversationId),
    ]);
    return newMessagePush(
      message,
      sender?.displayName ?? 'Deleted user',
      title,
      this.config.webPush.includePreview,
    );
  }
}
