import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { CallAnnouncement } from './call-announcement';
import { CallState, isLive, toEndedCall } from './call-state';
import { CallEndedEvent, CallsDomainEvent } from './calls.events';

/**
 * Tells everyone what a call's change means: its announcements go out over the socket rooms (every
 * instance), and a change that ended the call raises `CallsDomainEvent.Ended`. Only the instance whose
 * compare-and-set made a change announces it, so the end is raised exactly once.
 */
@Injectable()
export class CallAnnouncer {
  constructor(
    private readonly publisher: RealtimePublisher,
    private readonly events: EventEmitter2,
  ) {}

  settle(change: {
    previous: CallState | null;
    state: CallState;
    announce: readonly CallAnnouncement[];
  }): void {
    change.announce.forEach((announcement) => this.publish(announcement));
    if ((change.previous === null || isLive(change.previous)) && !isLive(change.state)) {
      this.events.emit(CallsDomainEvent.Ended, { call: toEndedCall(change.state) } satisfies CallEndedEvent);
    }
  }

  private publish({ event, payload, to }: CallAnnouncement): void {
    // The union is checked where announcements are built; the publisher pairs name and payload itself.
    const send = payload as never;
    if ('sessionIds' in to) {
      this.publisher.toSessions(to.sessionIds, event, send);
    } else {
      this.publisher.toUsers(to.userIds, event, send, { exceptSessionIds: to.exceptSessionIds });
    }
  }
}
