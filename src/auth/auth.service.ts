import { EventEmitter2 } from '@nestjs/event-emitter';
import { Injectable } from '@nestjs/common';
import { AuditAction, AuditTargetType } from '../audit/audit-action';
import { AuditService, AuditTarget } from '../audit/audit.service';
import { AuthUser } from '../common/auth/auth-user';
import { PresenceService } from '../presence/presence.service';
import { UserStatus } from '../users/user.schema';
import { UserRecord } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import { AccessTokenService } from './access-token.service';
import {
  AuthResponse,
  LoginDto,
  RegisterDto,
  SessionResponse,
  toSessionResponse,
  TokenPair,
} from './auth.dto';
import { AuthDomainEvent, UserRegisteredEvent } from './auth.events';
import { AuthError, AuthErrorCode, inactiveAccountError } from './auth.errors';
import { PasswordHasher } from './password-hasher';
import { SessionOrigin, SessionsService } from './sessions.service';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly accessTokens: AccessTokenService,
    private readonly passwords: PasswordHasher,
    private readonly presence: PresenceService,
    private readonly events: EventEmitter2,
    private readonly audit: AuditService,
  ) {}

  async register(body: RegisterDto, origin: SessionOrigin): Promise<AuthResponse> {
    const user = await this.users.create({
      email: body.email,
      emailVerified: false,
      displayName: body.displayName,
      passwordHash: await this.passwords.hash(body.password),
    });
    if (!user) {
      throw new AuthError(AuthErrorCode.EmailTaken);
    }
    this.events.emit(AuthDomainEvent.UserRegistered, {
      userId: user._id.toHexString(),
    } satisfies UserRegisteredEvent);
    return (await this.startSession(user, origin)).response;
  }

  /** Unknown email and wrong password fail the same way, in about the same time. */
  async login(body: LoginDto, origin: SessionOrigin): Promise<AuthResponse> {
    const user = await this.users.findByEmail(body.email);
    const valid = await this.passwords.verify(user?.passwordHash, body.password);
    if (!user || !valid) {
      // An address no account has is kept as a fingerprint: the attempt is recorded, the address is not.
      const target = user ? userTarget(user) : this.audit.emailTarget(body.email);
      this.signInFailed(target, AuthErrorCode.InvalidCredentials);
      throw new AuthError(AuthErrorCode.InvalidCredentials);
    }
    if (user.status !== UserStatus.Active) {
      const error = inactiveAccountError(user);
      this.signInFailed(userTarget(user), error.code as AuthErrorCode);
      throw error;
    }
    const { response, sessionId } = await this.startSession(user, origin);
    this.audit.record({
      action: AuditAction.SignIn,
      actor: { id: response.user.id, role: user.role },
      target: userTarget(user),
      details: { method: 'password', sessionId },
    });
    return response;
  }

  /** Rotates the refresh token and issues a fresh access token for the same session. */
  async refresh(refreshToken: string | undefined): Promise<TokenPair> {
    if (!refreshToken) {
      throw new AuthError(AuthErrorCode.RefreshTokenInvalid);
    }
    const { session, refreshToken: next } = await this.sessions.rotate(refreshToken);
    const user = await this.users.findById(session.userId.toHexString());
    if (!user) {
      throw new AuthError(AuthErrorCode.AccountDisabled);
    }
    if (user.status !== UserStatus.Active) {
      throw inactiveAccountError(user);
    }
    const accessToken = await this.accessTokens.sign({
      userId: user._id.toHexString(),
      role: user.role,
      sessionId: session._id.toHexString(),
    });
    return { accessToken, expiresIn: this.accessTokens.ttlSeconds, refreshToken: next };
  }

  async sessionsOf(caller: AuthUser): Promise<SessionResponse[]> {
    const [sessions, connected] = await Promise.all([
      this.sessions.list(caller.userId),
      this.presence.connectedSessionIds(caller.userId),
    ]);
    return sessions.map((session) => toSessionResponse(session, caller.sessionId, new Set(connected)));
  }

  private signInFailed(target: AuditTarget, reason: AuthErrorCode): void {
    this.audit.record({
      action: AuditAction.SignInFailed,
      actor: null,
      target,
      details: { method: 'password', reason },
    });
  }

  private async startSession(
    user: UserRecord,
    origin: SessionOrigin,
  ): Promise<{ response: AuthResponse; sessionId: string }> {
    const userId = user._id.toHexString();
    const [{ session, refreshToken }, account] = await Promise.all([
      this.sessions.open(userId, origin),
      this.users.accountOf(user),
    ]);
    const sessionId = session._id.toHexString();
    const accessToken = await this.accessTokens.sign({ userId, role: user.role, sessionId });
    return {
      response: { user: account, accessToken, expiresIn: this.accessTokens.ttlSeconds, refreshToken },
      sessionId,
    };
  }
}

function userTarget(user: UserRecord): AuditTarget {
  return { type: AuditTargetType.User, id: user._id.toHexString() };
}
