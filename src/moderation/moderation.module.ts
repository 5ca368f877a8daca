import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuditModule } from '../audit/audit.module';
import { CryptoModule } from '../common/crypto/crypto.module';
import { MediaModule } from '../common/media/media.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { MessagesModule } from '../messages/messages.module';
import { UsersModule } from '../users/users.module';
import { ModerationController } from './moderation.controller';
import { ModerationService } from './moderation.service';
import { ReportEvidence } from './report-evidence';
import { ReportLocks } from './report-locks';
import { Report, ReportSchema } from './report.schema';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

/** Reports by users, and the moderation queue where moderators and admins decide them. */
@Module({
  imports: [
    AuditModule,
    CryptoModule,
    MediaModule,
    UsersModule,
    ConversationsModule,
    MessagesModule,
    MongooseModule.forFeature([{ name: Report.name, schema: ReportSchema }]),
  ],
  controllers: [ReportsController, ModerationController],
  providers: [ReportsRepository, ReportLocks, ReportEvidence, ReportsService, ModerationService],
  exports: [ReportsService],
})
export class ModerationModule {}
