import { Controller, Get, Header } from '@nestjs/common';
import { CurrentUser } from '../common/auth/auth.decorators';
import { AuthUser } from '../common/auth/auth-user';
import { IceServersResponse, IceServersService } from './ice-servers.service';

@Controller('calls')
export class CallsController {
  constructor(private readonly iceServers: IceServersService) {}

  /** STUN and TURN servers for the caller's calls; the TURN credential is the caller's own and expires. */
  @Get('ice-servers')
  @Header('Cache-Control', 'no-store')
  getIceServers(@CurrentUser() user: AuthUser): IceServersResponse {
    return this.iceServers.forUser(user.userId);
  }
}
