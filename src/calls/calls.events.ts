import type { CallEndReason, CallType } from '../realtime/server-events';

/** In-process domain events of calls (`@nestjs/event-emitter`); call history listens. */
export enum CallsDomainEvent {
  /** A call ended; raised once, by the instance whose state change ended it. */
  Ended = 'calls.ended',
}

/** One device's time in a call. */
export interface CallParticipation {
  userId: string;
  deviceId: string;
  joinedAt: string;
  leftAt: string;
}

/** A call as it ended: everything its stored record, its `call` message and its missed calls need (JSON). */
export interface EndedCall {
  callId: string;
  conversationId: string;
  kind: 'direct' | 'group';
  type: CallType;
  initiatorId: string;
  createdAt: string;
  /** The first answer by someone other than the initiator; null when nobody answered. */
  answeredAt: string | null;
  endedAt: string;
  endReason: CallEndReason;
  endedBy: string | null;
  /** Every member it rang (never the initiator). */
  invitedUserIds: string[];
  rejectedUserIds: string[];
  /** Invitees who neither joined nor declined. */
  missedUserIds: string[];
  participations: CallParticipation[];
}

export interface CallEndedEvent {
  call: EndedCall;
}
