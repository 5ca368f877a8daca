import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ModerationModule } from '../moderation/moderation.module';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { CallsModule } from '../calls/calls.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { MailModule } from '../mail/mail.module';
import { MessagesModule } from '../messages/messages.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { RealtimePublisherModule } from '../realtime/realtime-publisher.module';
import { UploadModule } from '../upload/upload.module';
import { UsersModule } from '../users/users.module';
import { AccountDeletionService } from './account-deletion.service';
import { AccountExport, AccountExportSchema, ExportChunk, ExportChunkSchema } from './account-export.schema';
import { AccountExportsRepository } from './account-exports.repository';
import { AccountExportsService } from './account-exports.service';
import { AccountController } from './account.controller';
import { AccountProcessor } from './account.processor';
import { ExportArchiveService } from './export-archive.service';

/** The user's own data as a whole: data exports and account deletion. */
@Module({
  imports: [
    AuditModule,
    AuthModule,
    CallsModule,
    ConversationsModule,
    MailModule,
    MessagesModule,
    ModerationModule,
    NotificationsModule,
    RealtimePublisherModule,
    UploadModule,
    UsersModule,
    MongooseModule.forFeature([
      { name: AccountExport.name, schema: AccountExportSchema },
      { name: ExportChunk.name, schema: ExportChunkSchema },
    ]),
  ],
  controllers: [AccountController],
  providers: [
    AccountExportsRepository,
    AccountExportsService,
    ExportArchiveService,
    AccountDeletionService,
    AccountProcessor,
  ],
})
export class AccountModule {}
