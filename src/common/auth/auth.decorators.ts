import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from './role';
import type { AuthUser } from './auth-user';

export const IS_PUBLIC = 'parley:public';
export const REQUIRED_ROLES = 'parley:roles';
/**
 * The scope a route authenticated by an API key requires (set by api-keys' `@ApiKeyAuth`): the user
 * AuthGuard skips such routes, and a user's access token on them is refused by the API key guard.
 */
export const API_KEY_SCOPE = 'parley:api-key-scope';

/** Routes are authenticated by default; this opts one out. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Only callers holding one of these global roles may call the route (checked by RolesGuard). */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_ROLES, roles);

/** The authenticated caller, as set by the AuthGuard. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser => {
  const request = context.switchToHttp().getRequest<{ user?: AuthUser }>();
  if (!request.user) {
    throw new Error('CurrentUser used on a route without authentication');
  }
  return request.user;
});
