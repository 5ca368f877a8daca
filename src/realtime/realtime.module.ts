import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { PresenceModule } from '../presence/presence.module';
import { UsersModule } from '../users/users.module';
import { AuthEventsListener } from './auth-events.listener';
import { ChatGateway } from './chat.gateway';
import { RealtimePublisherModule } from './realtime-publisher.module';
import { SocketAuthService } from './socket-auth.service';
import { SocketRateLimiter } from './socket-rate-limiter';
import { TypingService } from './typing.service';

@Module({
  imports: [AuthModule, ConversationsModule, PresenceModule, RealtimePublisherModule, UsersModule],
  providers: [AuthEventsListener, ChatGateway, SocketAuthService, SocketRateLimiter, TypingService],
})
export class RealtimeModule {}
