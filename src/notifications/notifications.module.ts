import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuthModule } from '../auth/auth.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { MailModule } from '../mail/mail.module';
import { MessagesModule } from '../messages/messages.module';
import { PresenceModule } from '../presence/presence.module';
import { RealtimePublisherModule } from '../realtime/realtime-publisher.module';
import { UsersModule } from '../users/users.module';
import { EmailDigestController } from './digest/email-digest.controller';
import { EmailDigestProcessor } from './digest/email-digest.processor';
import { EmailDigestScheduler } from './digest/email-digest.scheduler';
import { EmailDigestService } from './digest/email-digest.service';
import { EmailDigestState } from './digest/email-digest.state';
import { InboxController } from './inbox/inbox.controller';
import { InboxLocks } from './inbox/inbox-locks';
import { InboxProcessor } from './inbox/inbox.processor';
import { InboxPushService } from './inbox/inbox-push.service';
import { InboxRepository } from './inbox/inbox.repository';
import { InboxRetention } from './inbox/inbox-retention.service';
import { InboxService } from './inbox/inbox.service';
import { InboxSources } from './inbox/inbox-sources.service';
import { Notification, NotificationSchema } from './inbox/notification.schema';
import { NotificationsController } from './notifications.controller';
import { NotificationsProcessor } from './notifications.processor';
import { NotificationsService } from './notifications.service';
import { PushDeliveryService } from './push-delivery.service';
import { PushSubscription, PushSubscriptionSchema } from './push-subscription.schema';
import { PushSubscriptionsRepository } from './push-subscriptions.repository';
import { PushSubscriptionsService } from './push-subscriptions.service';
import { SubscribedUsers } from './subscribed-users';
import { WebPushSender } from './web-push.sender';

/**
 * Web Push to members who are offline when a message arrives, the persisted inbox (inbox/) and email digests
 * of what stays unread (digest/).
 */
@Module({
  imports: [
    AuthModule,
    ConversationsModule,
    MailModule,
    MessagesModule,
    PresenceModule,
    RealtimePublisherModule,
    UsersModule,
    MongooseModule.forFeature([
      { name: PushSubscription.name, schema: PushSubscriptionSchema },
      { name: Notification.name, schema: NotificationSchema },
    ]),
  ],
  // Order matters: NotificationsController's fixed paths (`push-subscriptions`) are matched before the
  // inbox's `:id` routes.
  controllers: [NotificationsController, EmailDigestController, InboxController],
  providers: [
    WebPushSender,
    PushSubscriptionsRepository,
    PushSubscriptionsService,
    SubscribedUsers,
    NotificationsService,
    PushDeliveryService,
    NotificationsProcessor,
    InboxRepository,
    InboxLocks,
    InboxPushService,
    InboxService,
    InboxSources,
    InboxRetention,
    InboxProcessor,
    EmailDigestState,
    EmailDigestScheduler,
    EmailDigestService,
    EmailDigestProcessor,
  ],
  exports: [
    PushSubscriptionsService,
    PushDeliveryService,
    InboxService,
    InboxPushService,
    EmailDigestScheduler,
  ],
})
export class NotificationsModule {}
