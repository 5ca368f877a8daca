import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { Handshake } from 'socket.io/dist/socket-types';
import { AccessTokenService } from '../auth/access-token.service';
import { AuthError, AuthErrorCode } from '../auth/auth.errors';
import { bearerToken } from '../auth/auth.guard';
import { SessionsService } from '../auth/sessions.service';
import { AuthUser } from '../common/auth/auth-user';
import { ConversationsService } from '../conversations/conversations.service';
import { PresenceService } from '../presence/presence.service';
import { ChatSocket, rooms } from './events';
import { ExpiryWheel } from './expiry-wheel';
import { RealtimeError, RealtimeErrorCode } from './realtime.errors';
import { ReauthAck } from './realtime.dto';
import { RealtimeDomainEvent, SocketConnectedEvent } from './realtime.events';

/**
 * Authenticates sockets at the handshake and on `reauth`. Tokens come from `auth: { token }` or an
 * `Authorization: Bearer` header, never from the query string (it ends up in proxy logs).
 */
@Injectable()
export class SocketAuthService implements OnModuleDestroy {
  /** Sockets by token expiry: a socket not reauthed in time is told why and closed. */
  private readonly expiries = new ExpiryWheel<ChatSocket>((socket) => {
    const error = new RealtimeError(RealtimeErrorCode.TokenExpired);
    socket.emit('error', { code: error.code, message: error.message });
    socket.disconnect(true);
  });

  constructor(
    private readonly accessTokens: AccessTokenService,
    private readonly sessions: SessionsService,
    private readonly conversations: ConversationsService,
    private readonly presence: PresenceService,
    private readonly events: EventEmitter2,
  ) {}

  onModuleDestroy(): void {
    this.expiries.stop();
  }

  /**
   * Runs before the connection completes: identity, live session, socket cap, then the socket's rooms. The
   * user's memberships are read once here and handed on (presence, delivered pointers).
   */
  async authenticate(socket: ChatSocket): Promise<void> {
    const { user, expiresAt } = await this.verify(handshakeToken(socket.handshake));
    const connectionId = `${user.sessionId}:${socket.id}`;
    const memberships = await this.conversations.memberStatesOf(user.userId);
    const conversationIds = memberships.map((membership) => membership.conversationId);
    const outcome = await this.presence.connected(user.userId, connectionId, conversationIds);
    if (outcome === 'limit') {
      throw new RealtimeError(RealtimeErrorCode.TooManySockets);
    }
    socket.data = { user, tokenExpiresAt: expiresAt, connectionId };
    void socket.join([
      rooms.user(user.userId),
      rooms.session(user.sessionId),
      ...conversationIds.map(rooms.conversation),
    ]);
    this.events.emit(RealtimeDomainEvent.SocketConnected, {
      userId: user.userId,
      sessionId: user.sessionId,
      memberships,
      cameOnline: outcome === 'online',
    } satisfies SocketConnectedEvent);
  }

  /** Swaps in a fresh token of the same user and session, keeping the socket. */
  async reauth(socket: ChatSocket, token: string): Promise<ReauthAck> {
    const { user, expiresAt } = await this.verify(token);
    const current = socket.data.user;
    if (user.userId !== current.userId || user.sessionId !== current.sessionId) {
      throw new RealtimeError(RealtimeErrorCode.ReauthMismatch);
    }
    this.cancelExpiry(socket);
    socket.data.tokenExpiresAt = expiresAt;
    socket.data.user = user;
    this.scheduleExpiry(socket);
    return { expiresAt: new Date(expiresAt).toISOString() };
  }

  /** Closes the socket, with the reason, when its token expires without a `reauth`. */
  scheduleExpiry(socket: ChatSocket): void {
    this.expiries.add(socket, socket.data.tokenExpiresAt);
  }

  cancelExpiry(socket: ChatSocket): void {
    this.expiries.remove(socket, socket.data.tokenExpiresAt);
  }

  private async verify(token: string | undefined): Promise<{ user: AuthUser; expiresAt: number }> {
    if (!token) {
      throw new AuthError(AuthErrorCode.TokenMissing);
    }
    const { expiresAt, ...user } = await this.accessTokens.verify(token);
    if (!(await this.sessions.isActive(user.sessionId))) {
      throw new AuthError(AuthErrorCode.SessionRevoked);
    }
    return { user, expiresAt };
  }
}

function handshakeToken(handshake: Handshake): string | undefined {
  const fromAuth = (handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof fromAuth === 'string' && fromAuth.length > 0) {
    return fromAuth;
  }
  return bearerToken(handshake.headers.authorization);
}
