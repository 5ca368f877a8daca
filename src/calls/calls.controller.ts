import { Controller, Get, Header, Param } from '@nestjs/common';
import { CurrentUser } from '../common/auth/auth.decorators';
import { AuthUser } from '../common/auth/auth-user';
import { IdParamDto } from '../common/validation/id-param.dto';
import { CallView } from '../realtime/server-events';
import { CallsService } from './calls.service';
import { IceServersResponse, IceServersService } from './ice-servers.service';

@Controller()
export class CallsController {
  constructor(
    private readonly iceServers: IceServersService,
    private readonly calls: CallsService,
  ) {}

  /** STUN and TURN servers for the caller's calls; the TURN credential is the caller's own and expires. */
  @Get('calls/ice-servers')
  @Header('Cache-Control', 'no-store')
  getIceServers(@CurrentUser() user: AuthUser): IceServersResponse {
    return this.iceServers.forUser(user.userId);
  }

  /** The conversation's live call (members only), for a "join the call" banner; `call` null when none. */
  @Get('conversations/:id/calls/active')
  @Header('Cache-Control', 'no-store')
  getActive(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<{ call: CallView | null }> {
    return this.calls.activeIn(user.userId, params.id);
  }
}
