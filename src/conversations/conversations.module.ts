import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuditModule } from '../audit/audit.module';
import { CryptoModule } from '../common/crypto/crypto.module';
import { RealtimePublisherModule } from '../realtime/realtime-publisher.module';
import { UsersModule } from '../users/users.module';
import { ConversationBan, ConversationBanSchema } from './bans/conversation-ban.schema';
import { ConversationBansController } from './bans/conversation-bans.controller';
import { ConversationBansRepository } from './bans/conversation-bans.repository';
import { ConversationBansService } from './bans/conversation-bans.service';
import { ConversationMembersService } from './conversation-members.service';
import { ConversationPointersService } from './conversation-pointers.service';
import { ConversationSearch } from './conversation-search';
import { Conversation, ConversationSchema } from './conversation.schema';
import { DeliveryPointersRepository } from './delivery-pointers.repository';
import { DeliveryPointers, DeliveryPointersSchema } from './delivery-pointers.schema';
import { ConversationsController } from './conversations.controller';
import { ConversationsRepository } from './conversations.repository';
import { ConversationsService } from './conversations.service';
import { MemberSummaries } from './member-summaries';
import { MembershipCache } from './membership-cache';
import { MembershipLock } from './membership-lock';
import { Membership, MembershipSchema } from './membership.schema';

@Module({
  imports: [
    UsersModule,
    AuditModule,
    RealtimePublisherModule,
    CryptoModule,
    MongooseModule.forFeature([
      { name: Conversation.name, schema: ConversationSchema },
      { name: Membership.name, schema: MembershipSchema },
      { name: DeliveryPointers.name, schema: DeliveryPointersSchema },
      { name: ConversationBan.name, schema: ConversationBanSchema },
    ]),
  ],
  controllers: [ConversationsController, ConversationBansController],
  providers: [
    ConversationsRepository,
    DeliveryPointersRepository,
    ConversationsService,
    ConversationMembersService,
    ConversationPointersService,
    MembershipLock,
    MembershipCache,
    MemberSummaries,
    ConversationSearch,
    ConversationBansRepository,
    ConversationBansService,
  ],
  exports: [
    ConversationsService,
    ConversationPointersService,
    ConversationBansService,
    ConversationMembersService,
  ],
})
export class ConversationsModule {}
