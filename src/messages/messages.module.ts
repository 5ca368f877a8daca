import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CryptoModule } from '../common/crypto/crypto.module';
import { MediaModule } from '../common/media/media.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { PresenceModule } from '../presence/presence.module';
import { RealtimePublisherModule } from '../realtime/realtime-publisher.module';
import { UsersModule } from '../users/users.module';
import { BlockedSenders } from './blocked-senders';
import { CallMessagesService } from './call-messages.service';
import { FloodGuard } from './flood-guard';
import { MessageEvidenceService } from './message-evidence.service';
import { Message, MessageSchema } from './message.schema';
import { ChangeClock } from './change-clock';
import { MessagesController } from './messages.controller';
import { MessagesGateway } from './messages.gateway';
import { KnownSeqs } from './known-seqs';
import { AccountMessagesService } from './account-messages.service';
import { MessageInsertsRepository } from './message-inserts.repository';
import { MessageTextsService } from './message-texts.service';
import { MessagesRepository } from './messages.repository';
import { SeqHints } from './seq-hints';
import { MessagesService } from './messages.service';
import { ReceiptsService } from './receipts.service';
import { SeqFloorsOnConnect } from './seq-floors-on-connect';
import { SyncController } from './sync.controller';
import { SyncService } from './sync.service';

@Module({
  imports: [
    ConversationsModule,
    PresenceModule,
    RealtimePublisherModule,
    CryptoModule,
    MediaModule,
    UsersModule,
    MongooseModule.forFeature([{ name: Message.name, schema: MessageSchema }]),
  ],
  controllers: [MessagesController, SyncController],
  providers: [
    MessagesRepository,
    AccountMessagesService,
    MessageInsertsRepository,
    KnownSeqs,
    SeqHints,
    MessagesService,
    ReceiptsService,
    SeqFloorsOnConnect,
    SyncService,
    MessagesGateway,
    ChangeClock,
    BlockedSenders,
    FloodGuard,
    MessageEvidenceService,
    CallMessagesService,
    MessageTextsService,
  ],
  exports: [
    MessagesService,
    AccountMessagesService,
    MessageEvidenceService,
    CallMessagesService,
    MessageTextsService,
  ],
})
export class MessagesModule {}
