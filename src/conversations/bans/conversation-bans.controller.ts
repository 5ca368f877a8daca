import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/auth.decorators';
import { IdParamDto } from '../../common/validation/id-param.dto';
import { MemberParamsDto } from '../conversations.dto';
import { BanUserDto, ConversationBanResponse } from './conversation-bans.dto';
import { ConversationBansService } from './conversation-bans.service';

/** A group's bans, for its owners and admins (platform moderators act through reports). */
@Controller('conversations/:id/bans')
export class ConversationBansController {
  constructor(private readonly bans: ConversationBansService) {}

  @Post()
  async ban(
    @CurrentUser() caller: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: BanUserDto,
  ): Promise<{ ban: ConversationBanResponse }> {
    return { ban: await this.bans.ban(params.id, caller.userId, body.userId, { reason: body.reason }) };
  }

  @Get()
  async list(
    @CurrentUser() caller: AuthUser,
    @Param() params: IdParamDto,
  ): Promise<{ bans: ConversationBanResponse[] }> {
    return { bans: await this.bans.list(params.id, caller.userId) };
  }

  @Delete(':userId')
  @HttpCode(204)
  unban(@CurrentUser() caller: AuthUser, @Param() params: MemberParamsDto): Promise<void> {
    return this.bans.unban(params.id, caller.userId, params.userId);
  }
}
