import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { ApiKeyCaller } from '../common/auth/api-key-caller';
import { API_KEY_SCOPE } from '../common/auth/auth.decorators';
import { ApiKeyScope } from './api-key.schema';
import { ApiKeysService } from './api-keys.service';

/**
 * Global: routes marked `@ApiKeyAuth(scope)` need a live API key holding that scope (a user's access token
 * is no key: 401). Global rather than per route so that it runs before the rate limits, which count per key.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') {
      return true;
    }
    const scope = this.reflector.getAllAndOverride<ApiKeyScope | undefined>(API_KEY_SCOPE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!scope) {
      return true;
    }
    const request = context.switchToHttp().getRequest<Request & { apiKey?: ApiKeyCaller }>();
    request.apiKey = await this.apiKeys.authenticate(request.get('authorization'), scope);
    return true;
  }
}
