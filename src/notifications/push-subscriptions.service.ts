import { Inject, Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { AuthDomainEvent, SessionsRevokedEvent } from '../auth/auth.events';
import { AuthUser } from '../common/auth/auth-user';
import { CommonError, CommonErrorCode } from '../common/errors/common-errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import {
  PushSubscriptionResponse,
  RegisterPushSubscriptionDto,
  toPushSubscriptionResponse,
} from './notifications.dto';
import { NotificationsError, NotificationsErrorCode } from './notifications.errors';
import { isAllowedPushEndpoint } from './push-endpoint';
import { PushSubscriptionsRepository } from './push-subscriptions.repository';
import { SubscribedUsers } from './subscribed-users';
import { WebPushSender } from './web-push.sender';

/**
 * Subscriptions a user keeps; registering one more drops the least recently registered, since a browser that
 * still runs the app registers again on start while stale ones (reinstalled browsers) never come back.
 */
const MAX_SUBSCRIPTIONS_PER_USER = 20;

/** The Web Push subscriptions of signed-in devices: each belongs to the session that registered it. */
@Injectable()
export class PushSubscriptionsService {
  constructor(
    private readonly repository: PushSubscriptionsRepository,
    private readonly sender: WebPushSender,
    private readonly subscribedUsers: SubscribedUsers,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  vapidPublicKey(): { publicKey: string } {
    return { publicKey: this.requirePublicKey() };
  }

  /** Idempotent by endpoint: registering it again, from any account or session, moves it to the caller. */
  async register(caller: AuthUser, input: RegisterPushSubscriptionDto): Promise<PushSubscriptionResponse> {
    this.requirePublicKey();
    this.checkEndpoint(input.endpoint);
    await this.subscribedUsers.add(caller.userId);
    const record = await this.repository.upsert({
      endpoint: input.endpoint,
      userId: caller.userId,
      sessionId: caller.sessionId,
      p256dh: input.keys.p256dh,
      auth: input.keys.auth,
      expiresAt: input.expirationTime ? new Date(input.expirationTime) : null,
    });
    await this.repository.trim(caller.userId, MAX_SUBSCRIPTIONS_PER_USER);
    return toPushSubscriptionResponse(record, caller.sessionId);
  }

  async list(caller: AuthUser): Promise<PushSubscriptionResponse[]> {
    this.requirePublicKey();
    const records = await this.repository.listOf(caller.userId);
    return records.map((record) => toPushSubscriptionResponse(record, caller.sessionId));
  }

  /** Idempotent: an endpoint the caller does not hold (any more) is not an error. */
  async remove(caller: AuthUser, endpoint: string): Promise<void> {
    this.requirePublicKey();
    await this.repository.deleteOwn(caller.userId, endpoint);
  }

  /** The user's subscriptions, whoever's session registered them (their data export; no auth secrets). */
  async listOf(userId: string): Promise<PushSubscriptionResponse[]> {
    const records = await this.repository.listOf(userId);
    return records.map((record) => toPushSubscriptionResponse(record, ''));
  }

  /** Account deletion: every subscription of the user goes (sessions ending removes most already). */
  removeAllOf(userId: string): Promise<void> {
    return this.repository.deleteOfUser(userId);
  }

  /** A signed-out device gets no more pushes (the push job also skips sessions that ended meanwhile). */
  @OnEvent(AuthDomainEvent.SessionsRevoked)
  async sessionsRevoked({ sessionIds }: SessionsRevokedEvent): Promise<void> {
    await this.repository.deleteOfSessions(sessionIds);
  }

  private checkEndpoint(endpoint: string): void {
    const problem =
      this.config.isProduction && !endpoint.startsWith('https:')
        ? 'must be an https URL'
        : !isAllowedPushEndpoint(endpoint, this.config.webPush.endpointHosts)
          ? 'must be on a push service this server allows (WEB_PUSH_ENDPOINT_HOSTS)'
          : undefined;
    if (problem) {
      throw new CommonError(CommonErrorCode.ValidationFailed, undefined, [
        { path: 'endpoint', message: problem },
      ]);
    }
  }

  private requirePublicKey(): string {
    const publicKey = this.sender.publicKey;
    if (!publicKey) {
      throw new NotificationsError(NotificationsErrorCode.PushDisabled);
    }
    return publicKey;
  }
}
