import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module';
import { RealtimePublisherModule } from '../realtime/realtime-publisher.module';
import { UsersModule } from '../users/users.module';
import { PresenceController } from './presence.controller';
import { PresenceService } from './presence.service';
import { PresenceStore } from './presence.store';

@Module({
  imports: [ConversationsModule, UsersModule, RealtimePublisherModule],
  controllers: [PresenceController],
  providers: [PresenceStore, PresenceService],
  exports: [PresenceService],
})
export class PresenceModule {}
