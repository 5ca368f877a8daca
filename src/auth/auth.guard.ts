import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AuthUser } from '../common/auth/auth-user';
import { API_KEY_SCOPE, IS_PUBLIC } from '../common/auth/auth.decorators';
import { AccessTokenService } from './access-token.service';
import { AuthError, AuthErrorCode } from './auth.errors';
import { SessionsService } from './sessions.service';

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer ([\w-]+\.[\w-]+\.[\w-]*)$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * Global: every REST route needs a valid access token of a live session unless marked @Public() or
 * authenticated by an API key instead (api-keys' `@ApiKeyAuth`, checked by its own guard).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly accessTokens: AccessTokenService,
    private readonly sessions: SessionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') {
      return true;
    }
    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets);
    if (isPublic || this.reflector.getAllAndOverride<string>(API_KEY_SCOPE, targets)) {
      return true;
    }
    const token = bearerToken(request.get('authorization'));
    if (!token) {
      throw new AuthError(AuthErrorCode.TokenMissing);
    }
    const caller = await this.accessTokens.verify(token);
    if (!(await this.sessions.isActive(caller.sessionId))) {
      throw new AuthError(AuthErrorCode.SessionRevoked);
    }
    request.user = { userId: caller.userId, role: caller.role, sessionId: caller.sessionId };
    return true;
  }
}
