import { Controller, Get, Param, Query } from '@nestjs/common';
import { IdParamDto } from '../common/validation/id-param.dto';
import { PresenceQueryDto } from './presence.dto';
import { PresenceService, UserPresence } from './presence.service';

/** Presence routes live under /users; this module is imported before UsersModule so `presence` wins over `:id`. */
@Controller('users')
export class PresenceController {
  constructor(private readonly presence: PresenceService) {}

  @Get('presence')
  async many(@Query() query: PresenceQueryDto): Promise<{ presence: UserPresence[] }> {
    return { presence: await this.presence.presenceOf(query.ids) };
  }

  @Get(':id/presence')
  async one(@Param() params: IdParamDto): Promise<UserPresence> {
    const [presence] = await this.presence.presenceOf([params.id]);
    return presence;
  }
}
