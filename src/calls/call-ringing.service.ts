import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PushDeliveryService } from '../notifications/push-delivery.service';
import { PresenceService } from '../presence/presence.service';
import { ServerEvent } from '../realtime/events';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { IncomingCallPayload } from '../realtime/server-events';
import { pushAllowed } from '../users/notification-settings/quiet-hours';
import { NotificationSettingsService } from '../users/notification-settings/notification-settings.service';
import { UsersService } from '../users/users.service';
import { CallState, isLive, ringUntilOf, toParticipantView } from './call-state';
import { CallStateStore } from './call-state.store';
import { IceServersService } from './ice-servers.service';

/** What a call's Web Push carries (the service worker shows it and opens `url`). */
export interface IncomingCallPush {
  kind: 'incoming_call';
  callId: string;
  conversationId: string;
  callerName: string;
  type: CallState['type'];
  url: string;
}

/**
 * Making a call ring: `incoming_call` to every device of each rung member (each with their own TURN
 * credential), and Web Push to the rung members who have no socket open.
 */
@Injectable()
export class CallRingingService {
  constructor(
    private readonly presence: PresenceService,
    private readonly pushes: PushDeliveryService,
    private readonly notificationSettings: NotificationSettingsService,
    private readonly users: UsersService,
    private readonly iceServers: IceServersService,
    private readonly publisher: RealtimePublisher,
    private readonly store: CallStateStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Of these users, those with a socket open on any instance. */
  onlineAmong(userIds: readonly string[]): Promise<string[]> {
    return this.presence.onlineUserIds(userIds);
  }

  /** Whether any of these (offline) users may get a call's push: push on, no quiet hours, a live device. */
  async anyPushable(userIds: readonly string[]): Promise<boolean> {
    const subscriptions = await Promise.all(
      (await this.allowingPush(userIds)).map((userId) => this.pushes.liveSubscriptionsOf(userId)),
    );
    return subscriptions.some((ids) => ids.length > 0);
  }

  async callerNameOf(state: CallState): Promise<string> {
    return (await this.users.findById(state.initiatorId))?.displayName ?? 'Deleted user';
  }

  /**
   * `incoming_call` to every device of each user still ringing, and a note per user that it rings for
   * them, for their devices that connect before it stops (`ringLate`).
   */
  async ring(state: CallState, callerName: string): Promise<void> {
    for (const userId of state.ringingUserIds) {
      this.publisher.toUsers(
        [userId],
        ServerEvent.IncomingCall,
        this.incomingCall(state, userId, callerName),
      );
    }
    const ringsForMs = Date.parse(ringUntilOf(state, this.config.calls.ringTimeoutSeconds)) - Date.now();
    await this.store.markRinging(state.callId, state.ringingUserIds, Math.max(1000, ringsForMs));
  }

  /** A device connected: `incoming_call` to it for each call still ringing for its user. */
  async ringLate(userId: string, sessionId: string): Promise<void> {
    for (const callId of await this.store.callsRingingFor(userId)) {
      const state = await this.store.get(callId);
      if (state && isLive(state) && state.ringingUserIds.includes(userId)) {
        const incoming = this.incomingCall(state, userId, await this.callerNameOf(state));
        this.publisher.toSessions([sessionId], ServerEvent.IncomingCall, incoming);
      }
    }
  }

  private incomingCall(state: CallState, userId: string, callerName: string): IncomingCallPayload {
    return {
      callId: state.callId,
      conversationId: state.conversationId,
      callerId: state.initiatorId,
      callerName,
      type: state.type,
      participants: state.participants.map(toParticipantView),
      ...this.iceServers.forUser(userId),
      ringUntil: ringUntilOf(state, this.config.calls.ringTimeoutSeconds),
    };
  }

  /** The live push subscriptions of those of these users the call still rings for and who allow pushes. */
  async subscriptionsToPush(state: CallState, userIds: readonly string[]): Promise<string[]> {
    if (!isLive(state)) {
      return [];
    }
    const ringing = userIds.filter((userId) => state.ringingUserIds.includes(userId));
    const allowed = await this.allowingPush(ringing);
    return (await Promise.all(allowed.map((userId) => this.pushes.liveSubscriptionsOf(userId)))).flat();
  }

  /**
   * Pushes the ringing call; push services keep it only until the ring timeout (a call is stale after),
   * under one topic per call so a retry replaces rather than repeats it. Returns the ids worth a retry.
   */
  async push(state: CallState, subscriptionIds: readonly string[]): Promise<string[]> {
    const ringUntil = Date.parse(ringUntilOf(state, this.config.calls.ringTimeoutSeconds));
    const ttlSeconds = Math.max(1, Math.ceil((ringUntil - Date.now()) / 1000));
    return this.pushes.send(
      subscriptionIds,
      async () =>
        JSON.stringify({
          kind: 'incoming_call',
          callId: state.callId,
          conversationId: state.conversationId,
          callerName: await this.callerNameOf(state),
          type: state.type,
          url: `/c/${state.conversationId}`,
        } satisfies IncomingCallPush),
      state.callId,
      ttlSeconds,
    );
  }

  private async allowingPush(userIds: readonly string[]): Promise<string[]> {
    if (userIds.length === 0) {
      return [];
    }
    const settings = await this.notificationSettings.settingsOf(userIds);
    const now = new Date();
    return userIds.filter((userId) => {
      const userSettings = settings.get(userId);
      return userSettings !== undefined && pushAllowed(userSettings, now);
    });
  }
}
