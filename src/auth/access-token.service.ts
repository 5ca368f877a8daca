import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuthUser } from '../common/auth/auth-user';
import { Role } from '../common/auth/role';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AuthError, AuthErrorCode } from './auth.errors';

// The one algorithm accepted; `alg: none` and every other algorithm are refused by verify().
const ALGORITHM = 'HS256';
const CLOCK_SKEW_SECONDS = 5;

interface AccessClaims {
  sub: string;
  role: Role;
  sid: string;
}

@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get ttlSeconds(): number {
    return this.config.auth.accessTokenTtlSeconds;
  }

  sign(user: AuthUser): Promise<string> {
    const claims: AccessClaims = { sub: user.userId, role: user.role, sid: user.sessionId };
    return this.jwt.signAsync(claims, {
      algorithm: ALGORITHM,
      issuer: this.config.auth.issuer,
      audience: this.config.auth.audience,
      expiresIn: this.config.auth.accessTokenTtlSeconds,
    });
  }

  /** Verifies signature, algorithm, issuer, audience and expiry; returns who the token speaks for. */
  async verify(token: string): Promise<AuthUser & { expiresAt: number }> {
    try {
      const claims = await this.jwt.verifyAsync<AccessClaims & { exp: number }>(token, {
        algorithms: [ALGORITHM], // the key comes from the module's secretOrKeyProvider
        issuer: this.config.auth.issuer,
        audience: this.config.auth.audience,
        clockTolerance: CLOCK_SKEW_SECONDS,
      });
      if (
        typeof claims.sub !== 'string' ||
        typeof claims.sid !== 'string' ||
        !Object.values(Role).includes(claims.role)
      ) {
        throw new Error('missing claims');
      }
      return { userId: claims.sub, role: claims.role, sessionId: claims.sid, expiresAt: claims.exp * 1000 };
    } catch {
      throw new AuthError(AuthErrorCode.TokenInvalid);
    }
  }
}
