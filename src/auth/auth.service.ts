import { EventEmitter2 } from '@nestjs/event-emitter';
import { Injectable } from '@nestjs/common';
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
import { AuthError, AuthErrorCode } from './auth.errors';
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
    return this.startSession(user, origin);
  }

  /** Unknown email and wrong password fail the same way, in about the same time. */
  async login(body: LoginDto, origin: SessionOrigin): Promise<AuthResponse> {
    const user = await this.users.findByEmail(body.email);
    const valid = await this.passwords.verify(user?.passwordHash, body.password);
    if (!user || !valid) {
      throw new AuthError(AuthErrorCode.InvalidCredentials);
    }
    if (user.status !== UserStatus.Active) {
      throw new AuthError(AuthErrorCode.AccountDisabled);
    }
    return this.startSession(user, origin);
  }

  /** Rotates the refresh token and issues a fresh access token for the same session. */
  async refresh(refreshToken: string | undefined): Promise<TokenPair> {
    if (!refreshToken) {
      throw new AuthError(AuthErrorCode.RefreshTokenInvalid);
    }
    const { session, refreshToken: next } = await this.sessions.rotate(refreshToken);
    const user = await this.users.findById(session.userId.toHexString());
    if (!user || user.status !== UserStatus.Active) {
      throw new AuthError(AuthErrorCode.AccountDisabled);
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

  private async startSession(user: UserRecord, origin: SessionOrigin): Promise<AuthResponse> {
    const userId = user._id.toHexString();
    const [{ session, refreshToken }, account] = await Promise.all([
      this.sessions.open(userId, origin),
      this.users.accountOf(user),
    ]);
    const accessToken = await this.accessTokens.sign({
      userId,
      role: user.role,
      sessionId: session._id.toHexString(),
    });
    return { user: account, accessToken, expiresIn: this.accessTokens.ttlSeconds, refreshToken };
  }
}
