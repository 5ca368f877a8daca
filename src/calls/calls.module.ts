import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ConversationsModule } from '../conversations/conversations.module';
import { MessagesModule } from '../messages/messages.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { CallsController } from './calls.controller';
import { CallHistoryController } from './history/call-history.controller';
import { CallHistoryListener } from './history/call-history.listener';
import { CallHistoryProcessor } from './history/call-history.processor';
import { CallHistoryService } from './history/call-history.service';
import { CallRecord, CallRecordSchema } from './history/call-record.schema';
import { CallRecordsRepository } from './history/call-records.repository';
import { IceServersService } from './ice-servers.service';

/** Voice and video calls (issue #30): the ICE servers with TURN credentials, and call history (history/). */
@Module({
  imports: [
    ConversationsModule,
    MessagesModule,
    NotificationsModule,
    MongooseModule.forFeature([{ name: CallRecord.name, schema: CallRecordSchema }]),
  ],
  controllers: [CallsController, CallHistoryController],
  providers: [
    IceServersService,
    CallRecordsRepository,
    CallHistoryService,
    CallHistoryListener,
    CallHistoryProcessor,
  ],
  exports: [IceServersService, CallHistoryService],
})
export class CallsModule {}
