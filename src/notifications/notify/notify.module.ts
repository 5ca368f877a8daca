import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuditModule } from '../../audit/audit.module';
import { UsersModule } from '../../users/users.module';
import { NotificationsModule } from '../notifications.module';
import { NotifyRequest, NotifyRequestSchema } from './notify-request.schema';
import { NotifyController } from './notify.controller';
import { NotifyDelivery } from './notify-delivery.service';
import { NotifyProcessor } from './notify.processor';
import { NotifyRequestsRepository } from './notify-requests.repository';
import { NotifyService } from './notify.service';

/** The service notify API (`/notify`): requests authenticated by API keys, fanned out in BullMQ batches. */
@Module({
  imports: [
    AuditModule,
    NotificationsModule,
    UsersModule,
    MongooseModule.forFeature([{ name: NotifyRequest.name, schema: NotifyRequestSchema }]),
  ],
  controllers: [NotifyController],
  providers: [NotifyRequestsRepository, NotifyService, NotifyDelivery, NotifyProcessor],
})
export class NotifyModule {}
