import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PresenceModule } from '../presence/presence.module';
import { RealtimePublisherModule } from '../realtime/realtime-publisher.module';
import { UsersModule } from '../users/users.module';
import { CallAnnouncer } from './call-announcer';
import { CallRingingService } from './call-ringing.service';
import { CallSignalLimiter } from './call-signal-limiter';
import { CallSignalingService } from './call-signaling.service';
import { CallStateStore } from './call-state.store';
import { CallTimersService } from './call-timers.service';
import { CallsController } from './calls.controller';
import { CallsGateway } from './calls.gateway';
import { CallsListener } from './calls.listener';
import { CallsProcessor } from './calls.processor';
import { CallsService } from './calls.service';
import { IceServersService } from './ice-servers.service';

/**
 * Voice and video calls (issue #30, docs/calls.md): signaling over `/chat`, the call state shared in Redis,
 * its timers as BullMQ jobs, and the ICE servers with TURN credentials.
 */
@Module({
  imports: [ConversationsModule, NotificationsModule, PresenceModule, RealtimePublisherModule, UsersModule],
  controllers: [CallsController],
  providers: [
    IceServersService,
    CallStateStore,
    CallAnnouncer,
    CallRingingService,
    CallSignalLimiter,
    CallSignalingService,
    CallTimersService,
    CallsService,
    CallsGateway,
    CallsListener,
    CallsProcessor,
  ],
  exports: [IceServersService, CallStateStore],
})
export class CallsModule {}
