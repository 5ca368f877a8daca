import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { IdentitiesRepository } from './identities/identities.repository';
import { IdentitiesService } from './identities/identities.service';
import { Identity, IdentitySchema } from './identities/identity.schema';
import { User, UserSchema } from './user.schema';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: User.name, schema: UserSchema },
      { name: Identity.name, schema: IdentitySchema },
    ]),
  ],
  controllers: [UsersController],
  providers: [UsersRepository, UsersService, IdentitiesRepository, IdentitiesService],
  exports: [UsersService, IdentitiesService],
})
export class UsersModule {}
