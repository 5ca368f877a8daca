import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { ApiKeyCaller } from '../common/auth/api-key-caller';
import { API_KEY_SCOPE } from '../common/auth/auth.decorators';
import { ApiKeyScope } from './api-key.schema';

/**
 * The route is called by services with an API key holding `scope` (`Authorization: Bearer prk_...`), not
 * by users: the user auth guard stands aside and `ApiKeyGuard` checks the key.
 */
export const ApiKeyAuth = (scope: ApiKeyScope): MethodDecorator & ClassDecorator =>
  SetMetadata(API_KEY_SCOPE, scope);

/** The API key the request was authenticated with, as set by `ApiKeyGuard`. */
export const CurrentApiKey = createParamDecorator(
  (_data: unknown, context: ExecutionContext): ApiKeyCaller => {
    const request = context.switchToHttp().getRequest<{ apiKey?: ApiKeyCaller }>();
    if (!request.apiKey) {
      throw new Error('CurrentApiKey used on a route without @ApiKeyAuth');
    }
    return request.apiKey;
  },
);
