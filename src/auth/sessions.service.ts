import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import { AuditAction, AuditTargetType } from '../audit/audit-action';
import { AuditService } from '../audit/audit.service';
import {
  UserDeletingEvent,
  UserDisabledEvent,
  UsersDomainEvent,
  UserSuspendedEvent,
} from '../users/users.events';
import Redis from 'ioredis';
import { createHash, randomBytes } from 'node:crypto';
import { REDIS } from '../common/redis/redis.constants';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AuthDomainEvent, SessionsRevokedEvent } from './auth.events';
import { AuthError, AuthErrorCode } from './auth.errors';
import { isLive, SessionLivenessCache } from './session-liveness.cache';
import { SessionRecord, SessionsRepository } from './sessions.repository';

export interface SessionOrigin {
  deviceLabel: string;
  ip: string;
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const newRefreshToken = () => randomBytes(32).toString('base64url');

@Injectable()
export class SessionsService {
  private readonly logger = new Logger(SessionsService.name);

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly liveness: SessionLivenessCache,
    private readonly events: EventEmitter2,
    private readonly audit: AuditService,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Opens a session and returns it with its first refresh token (256 random bits, base64url). */
  async open(
    userId: string,
    origin: SessionOrigin,
  ): Promise<{ session: SessionRecord; refreshToken: string }> {
    const refreshToken = newRefreshToken();
    const session = await this.sessions.create({
      userId,
      refreshTokenHash: hashRefreshToken(refreshToken),
      expiresAt: new Date(Date.now() + this.config.auth.refreshTokenTtlSeconds * 1000),
      deviceLabel: origin.deviceLabel.slice(0, 200),
      ip: origin.ip,
    });
    return { session, refreshToken };
  }

  /** True while the session exists, is not revoked and has not expired. */
  isActive(sessionId: string): Promise<boolean> {
    return this.liveness.isActive(sessionId);
  }

  /**
   * Swaps a refresh token for its successor. The compare-and-set is Redis `SET NX` on the old token (MongoDB
   * would do, but FerretDB v1 does not apply concurrent conditional updates atomically): exactly one caller
   * mints the successor, and callers racing with the same token within the grace window get that same
   * successor. A retired token presented after the window is a replay: the whole session ends.
   */
  async rotate(refreshToken: string): Promise<{ session: SessionRecord; refreshToken: string }> {
    const hash = hashRefreshToken(refreshToken);
    const token = await this.sessions.findToken(hash);
    const session = token ? await this.sessions.findById(token.sessionId.toHexString()) : null;
    if (!token || !session) {
      throw new AuthError(AuthErrorCode.RefreshTokenInvalid);
    }
    if (!isLive(session)) {
      throw new AuthError(AuthErrorCode.SessionRevoked);
    }
    const key = `${this.config.redis.keyPrefix}:refresh:${hash}`;
    if (!token.retiredAt) {
      const candidate = newRefreshToken();
      const graceMs = this.config.auth.refreshReuseGraceSeconds * 1000;
      if ((await this.redis.set(key, candidate, 'PX', graceMs, 'NX')) === 'OK') {
        await this.sessions.rotate(session._id.toHexString(), hash, hashRefreshToken(candidate));
        return { session, refreshToken: candidate };
      }
    }
    const successor = await this.redis.get(key);
    if (successor) {
      return { session, refreshToken: successor };
    }
    this.logger.warn(
      { sessionId: session._id.toHexString(), userId: session.userId.toHexString() },
      'Security: refresh token reuse; session revoked',
    );
    await this.revoke(session.userId.toHexString(), [session._id.toHexString()]);
    this.audit.record({
      action: AuditAction.SessionRevoked,
      actor: null,
      target: { type: AuditTargetType.Session, id: session._id.toHexString() },
      details: { reason: AuthErrorCode.RefreshTokenReused },
    });
    throw new AuthError(AuthErrorCode.RefreshTokenReused);
  }

  list(userId: string): Promise<SessionRecord[]> {
    return this.sessions.listActive(userId);
  }

  /** Ends sessions (their access tokens stop working at once) and tells the realtime layer to close sockets. */
  async revoke(userId: string, sessionIds: readonly string[]): Promise<void> {
    if (sessionIds.length === 0) {
      return;
    }
    await this.sessions.revoke(sessionIds);
    await this.liveness.revoked(sessionIds);
    this.events.emit(AuthDomainEvent.SessionsRevoked, {
      userId,
      sessionIds: [...sessionIds],
    } satisfies SessionsRevokedEvent);
  }

  async revokeAll(userId: string): Promise<void> {
    await this.revoke(userId, await this.sessions.activeIdsOf(userId));
  }

  /** The caller logs out: their current session ends. */
  async signOut(userId: string, sessionId: string): Promise<void> {
    await this.revoke(userId, [sessionId]);
    this.audit.record({
      action: AuditAction.SignOut,
      target: { type: AuditTargetType.Session, id: sessionId },
    });
  }

  /** The caller logs out everywhere: every session of theirs ends, this one included. */
  async signOutEverywhere(userId: string): Promise<void> {
    const sessionIds = await this.sessions.activeIdsOf(userId);
    await this.revoke(userId, sessionIds);
    this.audit.record({
      action: AuditAction.SignOutAll,
      target: { type: AuditTargetType.User, id: userId },
      details: { sessions: sessionIds.length },
    });
  }

  /** "Sign out of all other devices": every session of the caller but the one making the call ends. */
  async signOutOthers(userId: string, currentSessionId: string): Promise<void> {
    const sessionIds = (await this.sessions.activeIdsOf(userId)).filter((id) => id !== currentSessionId);
    await this.revoke(userId, sessionIds);
    this.audit.record({
      action: AuditAction.SignOutAll,
      target: { type: AuditTargetType.User, id: userId },
      details: { sessions: sessionIds.length, exceptCurrent: true },
    });
  }

  @OnEvent(UsersDomainEvent.UserDisabled)
  async userDisabled({ userId }: UserDisabledEvent): Promise<void> {
    await this.revokeAll(userId);
  }

  @OnEvent(UsersDomainEvent.UserSuspended)
  async userSuspended({ userId }: UserSuspendedEvent): Promise<void> {
    await this.revokeAll(userId);
  }

  @OnEvent(UsersDomainEvent.UserDeleting)
  async userDeleting({ userId }: UserDeletingEvent): Promise<void> {
    await this.revokeAll(userId);
  }

  /** One session by id, whatever its state (null when unknown). */
  findById(sessionId: string): Promise<SessionRecord | null> {
    return this.sessions.findById(sessionId);
  }

  /** Every session of the user, ended ones included. */
  allOf(userId: string): Promise<SessionRecord[]> {
    return this.sessions.listAll(userId);
  }

  /** Account deletion: live sessions end (sockets close), then every session record and token hash goes. */
  async deleteAllOf(userId: string): Promise<void> {
    await this.revokeAll(userId);
    await this.sessions.deleteAllOf(userId);
  }

  /** Revokes one of the user's own sessions; another user's session id is simply not found. */
  async revokeOwn(userId: string, sessionId: string): Promise<void> {
    const session = await this.sessions.findById(sessionId);
    if (!session || session.userId.toHexString() !== userId || !isLive(session)) {
      throw new AuthError(AuthErrorCode.SessionNotFound);
    }
    await this.revoke(userId, [sessionId]);
    this.audit.record({
      action: AuditAction.SessionRevoked,
      target: { type: AuditTargetType.Session, id: sessionId },
    });
  }
}
