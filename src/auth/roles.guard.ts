import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthUser } from '../common/auth/auth-user';
import { REQUIRED_ROLES } from '../common/auth/auth.decorators';
import { Role } from '../common/auth/role';
import { UsersService } from '../users/users.service';
import { AuthError, AuthErrorCode } from './auth.errors';

/**
 * Global: the one place global roles are enforced, from @Roles() metadata. Runs after AuthGuard. The role
 * is the user's current one (UserRoleCache: process memory checked against a Redis version), not the
 * token's claim, so promotions and demotions hold at once on every instance without signing anyone out;
 * the request's caller then carries the current role for the code after it (audit records).
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly users: UsersService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!required || required.length === 0 || context.getType() !== 'http') {
      return true;
    }
    const request = context.switchToHttp().getRequest<{ user?: AuthUser }>();
    const caller = request.user;
    const role = caller ? await this.users.currentRole(caller.userId) : null;
    if (!caller || !role || !required.includes(role)) {
      throw new AuthError(AuthErrorCode.InsufficientRole);
    }
    request.user = { ...caller, role };
    return true;
  }
}
