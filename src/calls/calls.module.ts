import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ConversationsModule } from '../conversations/conversations.module';
import { MessagesModule } from '../messages/messages.module';
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
import { CallHistoryController } from './history/call-history.controller';
import { CallHistoryListener } from './history/call-history.listener';
import { CallHistoryProcessor } from './history/call-history.processor';
import { CallHistoryService } from './history/call-history.service';
import { CallRecord, CallRecordSchema } from './history/call-record.schema';
import { CallRecordsRepository } from './history/call-records.repository';
import { IceServersService } from './ice-servers.service';

/**
 * Voice and video calls (issue #30, docs/calls.md): signaling over `/chat`, the call state shared in Redis,
 * its timers as BullMQ jobs, the ICE servers with TURN credentials, and call history (history/).
 */
@Module({
  imports: [
    ConversationsModule,
    MessagesModule,
    NotificationsModule,
    PresenceModule,
    RealtimePublisherModule,
    UsersModule,
    MongooseModule.forFeature([{ name: CallRecord.name, schema: CallRecordSchema }]),
  ],
  controllers: [CallsController, CallHistoryController],
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
    CallRecordsRepository,
    CallHistoryService,
    CallHistoryListener,
    CallHistoryProcessor,
  ],
  exports: [IceServersService, CallStateStore, CallHistoryService],
})
export class CallsModule {}
