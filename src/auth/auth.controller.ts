import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  Param,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { AuthRateLimit } from '../common/rate-limit/auth-rate-limit.decorator';
import { IdParamDto } from '../common/validation/id-param.dto';
import type { Request, Response } from 'express';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Public } from '../common/auth/auth.decorators';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { UsersService } from '../users/users.service';
import { AuthResponse, LoginDto, RefreshDto, RegisterDto, SessionResponse, TokenPair } from './auth.dto';
import { AuthError, AuthErrorCode } from './auth.errors';
import { AuthService } from './auth.service';
import { clearRefreshCookie, REFRESH_COOKIE, setRefreshCookie } from './refresh-cookie';
import { SessionOrigin, SessionsService } from './sessions.service';

function originOf(request: Request): SessionOrigin {
  return { deviceLabel: request.get('user-agent') ?? '', ip: request.ip ?? '' };
}

@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @AuthRateLimit()
  @Post('register')
  async register(
    @Body() body: RegisterDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AuthResponse> {
    const result = await this.auth.register(body, originOf(request));
    setRefreshCookie(response, this.config, result.refreshToken);
    return result;
  }

  @Public()
  @AuthRateLimit()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  async login(
    @Body() body: LoginDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AuthResponse> {
    const result = await this.auth.login(body, originOf(request));
    setRefreshCookie(response, this.config, result.refreshToken);
    return result;
  }

  @Get('me')
  async me(@CurrentUser() caller: AuthUser) {
    const user = await this.users.findAccount(caller.userId);
    if (!user) {
      throw new AuthError(AuthErrorCode.SessionRevoked);
    }
    return { user };
  }

  @Public()
  @AuthRateLimit()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  async refresh(
    @Body() body: RefreshDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TokenPair> {
    const cookie = (request.cookies as Record<string, string | undefined>)[REFRESH_COOKIE];
    const result = await this.auth.refresh(body.refreshToken ?? cookie);
    setRefreshCookie(response, this.config, result.refreshToken);
    return result;
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  async logout(
    @CurrentUser() caller: AuthUser,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.sessions.signOut(caller.userId, caller.sessionId);
    clearRefreshCookie(response, this.config);
  }

  @Post('logout-all')
  @HttpCode(HttpStatus.NO_CONTENT)
  async logoutAll(
    @CurrentUser() caller: AuthUser,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.sessions.signOutEverywhere(caller.userId);
    clearRefreshCookie(response, this.config);
  }

  /** Ends every other session; this one (and its refresh cookie) stays. */
  @Post('logout-others')
  @HttpCode(HttpStatus.NO_CONTENT)
  logoutOthers(@CurrentUser() caller: AuthUser): Promise<void> {
    return this.sessions.signOutOthers(caller.userId, caller.sessionId);
  }

  @Get('sessions')
  async listSessions(@CurrentUser() caller: AuthUser): Promise<{ sessions: SessionResponse[] }> {
    return { sessions: await this.auth.sessionsOf(caller) };
  }

  @Delete('sessions/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  revokeSession(@CurrentUser() caller: AuthUser, @Param() params: IdParamDto): Promise<void> {
    return this.sessions.revokeOwn(caller.userId, params.id);
  }
}
