import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Public } from '../../common/auth/auth.decorators';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { OAuthProvider } from '../../users/identities/identity.schema';
import { setRefreshCookie } from '../refresh-cookie';
import {
  CallbackQueryDto,
  ExchangeDto,
  ExchangeResponse,
  LinkTicketDto,
  LinkTicketResponse,
  ProvidersResponse,
  StartQueryDto,
} from './oauth.dto';
import { stateCookieName, stateCookiePath } from './oauth-state.store';
import { OAuthService } from './oauth.service';

/**
 * Browser-facing OAuth routes. Explicit paths per provider (not `:provider`) so they cannot shadow other
 * `GET /auth/*` routes.
 */
@Controller('auth')
export class OAuthController {
  constructor(
    private readonly oauth: OAuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('providers')
  providers(): ProvidersResponse {
    return { providers: this.oauth.providers() };
  }

  @Public()
  @Get('google')
  startGoogle(@Query() query: StartQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.start('google', query, req, res);
  }

  @Public()
  @Get('github')
  startGithub(@Query() query: StartQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.start('github', query, req, res);
  }

  @Public()
  @Get('google/callback')
  googleCallback(@Query() query: CallbackQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.callback('google', query, req, res);
  }

  @Public()
  @Get('github/callback')
  githubCallback(@Query() query: CallbackQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.callback('github', query, req, res);
  }

  @Public()
  @Post('oauth/exchange')
  @HttpCode(HttpStatus.OK)
  async exchange(
    @Body() body: ExchangeDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ExchangeResponse> {
    const result = await this.oauth.exchange(body.code, {
      deviceLabel: req.get('user-agent') ?? '',
      ip: req.ip ?? '',
    });
    setRefreshCookie(res, this.config, result.refreshToken);
    return result;
  }

  @Post('oauth/link-ticket')
  @HttpCode(HttpStatus.OK)
  linkTicket(@CurrentUser() caller: AuthUser, @Body() body: LinkTicketDto): Promise<LinkTicketResponse> {
    return this.oauth.linkTicket(caller.userId, body.provider, body.returnTo);
  }

  private async start(provider: OAuthProvider, query: StartQueryDto, req: Request, res: Response) {
    res.redirect(302, await this.oauth.start(provider, query, req));
  }

  private async callback(provider: OAuthProvider, query: CallbackQueryDto, req: Request, res: Response) {
    // The state cookie is single use whatever the outcome.
    res.clearCookie(stateCookieName(provider), { path: stateCookiePath(provider) });
    res.redirect(302, await this.oauth.callback(provider, query, req));
  }
}
