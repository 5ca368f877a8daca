import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { AuthDomainEvent, SessionsRevokedEvent } from '../auth/auth.events';
import { UserDisabledEvent, UsersDomainEvent, UserSuspendedEvent } from '../users/users.events';
import { RealtimePublisher } from './realtime.publisher';

/** Ended sessions and disabled accounts lose their sockets at once, on every instance. */
@Injectable()
export class AuthEventsListener {
  constructor(private readonly publisher: RealtimePublisher) {}

  @OnEvent(AuthDomainEvent.SessionsRevoked)
  async sessionsRevoked({ sessionIds }: SessionsRevokedEvent): Promise<void> {
    await this.publisher.disconnectSessions(sessionIds, 'SESSION_REVOKED', 'This session has ended');
  }

  @OnEvent(UsersDomainEvent.UserDisabled)
  async userDisabled({ userId }: UserDisabledEvent): Promise<void> {
    await this.publisher.disconnectUsers([userId], 'ACCOUNT_DISABLED', 'This account is disabled');
  }

  @OnEvent(UsersDomainEvent.UserSuspended)
  async userSuspended({ userId }: UserSuspendedEvent): Promise<void> {
    await this.publisher.disconnectUsers([userId], 'ACCOUNT_SUSPENDED', 'This account is suspended');
  }
}
