import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import { Role } from '../common/auth/role';
import { IdParamDto } from '../common/validation/id-param.dto';
import { ApiKeyResponse, CreateApiKeyDto, CreatedApiKeyResponse } from './api-keys.dto';
import { ApiKeysService } from './api-keys.service';

/** Admins create, list and revoke the keys other services call Parley with. */
@Controller('admin/api-keys')
@Roles(Role.Admin)
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  create(@CurrentUser() caller: AuthUser, @Body() body: CreateApiKeyDto): Promise<CreatedApiKeyResponse> {
    return this.apiKeys.create(caller.userId, body);
  }

  @Get()
  async list(): Promise<{ items: ApiKeyResponse[] }> {
    return { items: await this.apiKeys.list() };
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  revoke(@Param() params: IdParamDto): Promise<void> {
    return this.apiKeys.revoke(params.id);
  }
}
