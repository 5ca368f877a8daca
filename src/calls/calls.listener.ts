import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { ConversationsDomainEvent, MemberRemovedEvent } from '../conversations/conversations.events';
import {
  RealtimeDomainEvent,
  SocketConnectedEvent,
  SocketDisconnectedEvent,
} from '../realtime/realtime.events';
import { CallAnnouncer } from './call-announcer';
import { CallRingingService } from './call-ringing.service';
import { isLive } from './call-state';
import { CallStateStore } from './call-state.store';
import { CallTimersService } from './call-timers.service';
import { removeMember } from './call-timer-transitions';

/** What calls hear from the layers below: sockets opening and closing, and members leaving groups. */
@Injectable()
export class CallsListener {
  private readonly logger = new Logger(CallsListener.name);

  constructor(
    private readonly store: CallStateStore,
    private readonly announcer: CallAnnouncer,
    private readonly timers: CallTimersService,
    private readonly ringing: CallRingingService,
  ) {}

  /** A lost device gets its reconnect grace (a failure here is caught by the next liveness check). */
  @OnEvent(RealtimeDomainEvent.SocketDisconnected)
  async socketDisconnected(event: SocketDisconnectedEvent): Promise<void> {
    try {
      await this.timers.socketClosed(event.userId, event.sessionId);
    } catch (error) {
      this.logger.warn(`Call disconnect of ${event.connectionId} not recorded: ${(error as Error).message}`);
    }
  }

  /** A device that connects while a call rings for its user rings too (it missed `incoming_call`). */
  @OnEvent(RealtimeDomainEvent.SocketConnected)
  async socketConnected(event: SocketConnectedEvent): Promise<void> {
    try {
      await this.ringing.ringLate(event.userId, event.sessionId);
    } catch (error) {
      this.logger.warn(`Ringing calls not sent to a new socket: ${(error as Error).message}`);
    }
  }

  /** A member removed from a group stops ringing and their devices leave its call (`removed`). */
  @OnEvent(ConversationsDomainEvent.MemberRemoved)
  async memberRemoved(event: MemberRemovedEvent): Promise<void> {
    try {
      const call = await this.store.liveCallOfConversation(event.conversationId);
      if (!call || !isLive(call)) {
        return;
      }
      const now = new Date().toISOString();
      this.announcer.settle(
        await this.store.apply(call.callId, (state) => removeMember(state, event.userId, now)),
      );
    } catch (error) {
      this.logger.warn(`Call of ${event.conversationId} not updated on removal: ${(error as Error).message}`);
    }
  }
}
