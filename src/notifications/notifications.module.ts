import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuthModule } from '../auth/auth.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { MessagesModule } from '../messages/messages.module';
import { PresenceModule } from '../presence/presence.module';
import { UsersModule } from '../users/users.module';
import { NotificationsController } from './notifications.controller';
import { NotificationsProcessor } from './notifications.processor';
import { NotificationsService } from './notifications.service';
import { PushDeliveryService } from './push-delivery.service';
import { PushSubscription, PushSubscriptionSchema } from './push-subscription.schema';
import { PushSubscriptionsRepository } from './push-subscriptions.repository';
import { PushSubscriptionsService } from './push-subscriptions.service';
import { SubscribedUsers } from './subscribed-users';
import { WebPushSender } from './web-push.sender';

/** Web Push to members who are offline when a message arrives. */
@Module({
  imports: [
    AuthModule,
    ConversationsModule,
    MessagesModule,
    PresenceModule,
    UsersModule,
    MongooseModule.forFeature([{ name: PushSubscription.name, schema: PushSubscriptionSchema }]),
  ],
  controllers: [NotificationsController],
  providers: [
    WebPushSender,
    PushSubscriptionsRepository,
    PushSubscriptionsService,
    SubscribedUsers,
    NotificationsService,
    PushDeliveryService,
    NotificationsProcessor,
  ],
  exports: [PushSubscriptionsService],
})
export class NotificationsModule {}
