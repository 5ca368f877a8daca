import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuditModule } from '../audit/audit.module';
import { RealtimePublisherModule } from '../realtime/realtime-publisher.module';
import { AdminUsersController } from './admin-users.controller';
import { UserRoleCache } from './user-role.cache';
import { UsersProcessor } from './users.processor';
import { Block, BlockSchema } from './blocks/block.schema';
import { BlocksController } from './blocks/blocks.controller';
import { BlocksRepository } from './blocks/blocks.repository';
import { BlocksService } from './blocks/blocks.service';
import { IdentitiesRepository } from './identities/identities.repository';
import { IdentitiesService } from './identities/identities.service';
import { Identity, IdentitySchema } from './identities/identity.schema';
import { NotificationSettingsController } from './notification-settings/notification-settings.controller';
import { NotificationSettingsService } from './notification-settings/notification-settings.service';
import { User, UserSchema } from './user.schema';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [
    AuditModule,
    RealtimePublisherModule,
    MongooseModule.forFeature([
      { name: User.name, schema: UserSchema },
      { name: Identity.name, schema: IdentitySchema },
      { name: Block.name, schema: BlockSchema },
    ]),
  ],
  // Before UsersController: /users/me/blocks and /users/me/notification-settings are not /users/:id routes.
  controllers: [BlocksController, NotificationSettingsController, UsersController, AdminUsersController],
  providers: [
    UsersRepository,
    UsersService,
    UserRoleCache,
    UsersProcessor,
    IdentitiesRepository,
    IdentitiesService,
    BlocksRepository,
    BlocksService,
    NotificationSettingsService,
  ],
  exports: [UsersService, IdentitiesService, BlocksService, NotificationSettingsService],
})
export class UsersModule {}
