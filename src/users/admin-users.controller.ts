import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { Roles } from '../common/auth/auth.decorators';
import { Role } from '../common/auth/role';
import { IdParamDto } from '../common/validation/id-param.dto';
import {
  AdminListUsersDto,
  AdminUserResponse,
  SetRoleDto,
  SuspendDto,
  toAdminUserResponse,
} from './admin-users.dto';
import { UsersService } from './users.service';

/** Roles and suspensions. Appointing and removing moderators is for admins; suspending, for both. */
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Roles(Role.Admin)
  async list(@Query() query: AdminListUsersDto): Promise<{ users: AdminUserResponse[] }> {
    return { users: (await this.users.listForAdmin(query)).map(toAdminUserResponse) };
  }

  @Patch(':id')
  @Roles(Role.Admin)
  async setRole(@Param() params: IdParamDto, @Body() body: SetRoleDto): Promise<{ user: AdminUserResponse }> {
    return { user: toAdminUserResponse(await this.users.setRole(params.id, body.role)) };
  }

  @Post(':id/suspend')
  @Roles(Role.Admin, Role.Moderator)
  async suspend(@Param() params: IdParamDto, @Body() body: SuspendDto): Promise<{ user: AdminUserResponse }> {
    const user = await this.users.suspendFor(params.id, body.reason, body.durationHours);
    return { user: toAdminUserResponse(user) };
  }

  @Delete(':id/suspend')
  @Roles(Role.Admin, Role.Moderator)
  async unsuspend(@Param() params: IdParamDto): Promise<{ user: AdminUserResponse }> {
    return { user: toAdminUserResponse(await this.users.unsuspend(params.id)) };
  }
}
