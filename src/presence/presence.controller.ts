import { Controller, Get, Param, Query } from '@nestjs/common';
import { CurrentUser } from '../common/auth/auth.decorators';
import { AuthUser } from '../common/auth/auth-user';
import { IdParamDto } from '../common/validation/id-param.dto';
import { PresenceQueryDto } from './presence.dto';
import { PresenceService, UserPresence } from './presence.service';

/** Presence routes live under /users; this module is imported before UsersModule so `presence` wins over `:id`. */
@Controller('users')
export class PresenceController {
  constructor(private readonly presence: PresenceService) {}

  @Get('presence')
  async many(
    @CurrentUser() user: AuthUser,
    @Query() query: PresenceQueryDto,
  ): Promise<{ presence: UserPresence[] }> {
    return { presence: await this.presence.presenceOf(user.userId, query.ids) };
  }

  @Get(':id/presence')
  async one(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<UserPresence> {
    const [presence] = await this.presence.presenceOf(user.userId, [params.id]);
    return presence;
  }
}
