import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import { Role } from '../common/auth/role';
import { IdParamDto } from '../common/validation/id-param.dto';
import {
  PublicProfile,
  SearchUsersDto,
  toPublicProfile,
  UpdateProfileDto,
  UpdateStatusDto,
  UserResponse,
} from './users.dto';
import { UsersService } from './users.service';

@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  async me(@CurrentUser() caller: AuthUser): Promise<{ user: UserResponse }> {
    return { user: await this.users.requireAccount(caller.userId) };
  }

  @Patch('me')
  async updateMe(
    @CurrentUser() caller: AuthUser,
    @Body() body: UpdateProfileDto,
  ): Promise<{ user: UserResponse }> {
    return { user: await this.users.updateProfile(caller.userId, body) };
  }

  // Declared before ':id' so "search" is not taken for an id.
  @Get('search')
  async search(
    @CurrentUser() caller: AuthUser,
    @Query() query: SearchUsersDto,
  ): Promise<{ users: PublicProfile[] }> {
    return { users: (await this.users.search(caller.userId, query.q)).map(toPublicProfile) };
  }

  @Get(':id')
  async profile(@Param() params: IdParamDto): Promise<PublicProfile> {
    return toPublicProfile(await this.users.requireById(params.id));
  }

  /** Disabling ends the account's sessions and closes its sockets at once. */
  @Patch(':id/status')
  @Roles(Role.Admin, Role.Moderator)
  async setStatus(
    @Param() params: IdParamDto,
    @Body() body: UpdateStatusDto,
  ): Promise<{ user: UserResponse }> {
    return { user: await this.users.setStatus(params.id, body.status) };
  }
}
