import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthUser } from '../common/auth/auth-user';
import { REQUIRED_ROLES } from '../common/auth/auth.decorators';
import { Role } from '../common/auth/role';
import { AuthError, AuthErrorCode } from './auth.errors';

/** Global: the one place global roles are enforced, from @Roles() metadata. Runs after AuthGuard. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!required || required.length === 0 || context.getType() !== 'http') {
      return true;
    }
    const caller = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (!caller || !required.includes(caller.role)) {
      throw new AuthError(AuthErrorCode.InsufficientRole);
    }
    return true;
  }
}
