import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import { Role } from '../common/auth/role';
import { IdParamDto } from '../common/validation/id-param.dto';
import { ModerationService } from './moderation.service';
import { QueueQueryDto, ResolveReportDto } from './reports.dto';
import { Page, QueueItemResponse } from './reports.response';

@Controller('admin/reports')
@Roles(Role.Admin, Role.Moderator)
export class ModerationController {
  constructor(private readonly moderation: ModerationService) {}

  @Get()
  queue(@Query() query: QueueQueryDto): Promise<Page<QueueItemResponse>> {
    return this.moderation.queue(query);
  }

  @Post(':id/resolve')
  @HttpCode(HttpStatus.OK)
  resolve(
    @CurrentUser() caller: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: ResolveReportDto,
  ): Promise<QueueItemResponse> {
    return this.moderation.resolve(caller.userId, params.id, body);
  }
}
