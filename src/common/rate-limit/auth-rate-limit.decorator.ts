import { SetMetadata } from '@nestjs/common';

export const AUTH_RATE_LIMITED = 'parley:auth-rate-limited';

/**
 * Marks a credential route (login, register, password reset…): besides the general limit it gets the
 * stricter per-IP `auth` limit and, when the body names an email, the per-account `account` limit.
 */
export const AuthRateLimit = (): MethodDecorator => SetMetadata(AUTH_RATE_LIMITED, true);
