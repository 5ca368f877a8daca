import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuditRecord, AuditRecordSchema } from './audit-record.schema';
import { AuditRetention } from './audit-retention.service';
import { AuditController } from './audit.controller';
import { AuditProcessor } from './audit.processor';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

/** The audit log. Low in the layering (config and common only), so every feature can record into it. */
@Module({
  imports: [MongooseModule.forFeature([{ name: AuditRecord.name, schema: AuditRecordSchema }])],
  controllers: [AuditController],
  providers: [AuditRepository, AuditService, AuditRetention, AuditProcessor],
  exports: [AuditService],
})
export class AuditModule {}
