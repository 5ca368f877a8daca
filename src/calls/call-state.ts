import type { CallView } from '../realtime/server-events';
import type { CallParticipation, EndedCall } from './calls.events';

/** One device in a call: the auth session behind its sockets, known to other clients by its device id. */
export interface CallDeviceRef {
  userId: string;
  deviceId: string;
  /** Never sent to clients: it names the session room signals are relayed to. */
  sessionId: string;
}

export interface CallParticipant extends CallDeviceRef {
  joinedAt: string;
  audio: boolean;
  video: boolean;
  screen: boolean;
  /** When its last socket dropped; null while connected. Cleared by a rejoin within the grace. */
  disconnectedAt: string | null;
}

/**
 * A call as Redis holds it (docs/calls.md): every change is a compare-and-set on `version`. Its first
 * fields are what clients see of it (`CallView`); `answeredAt` is the first accept by someone other than
 * the initiator.
 */
export interface CallState extends Omit<CallView, 'participants' | 'ringUntil'> {
  version: number;
  endedBy: string | null;
  /** Every member rung at start (never the initiator); blocked members excluded. */
  invitedUserIds: string[];
  /** Invitees not yet joined, rejected or missed. */
  ringingUserIds: string[];
  rejectedUserIds: string[];
  /** Invitees whose ringing stopped unanswered (ring timeout or the call's end). */
  missedUserIds: string[];
  /** Everyone who ever joined, the initiator first. */
  joinedUserIds: string[];
  participants: CallParticipant[];
  /** Closed participations, for the stored record. */
  history: CallParticipation[];
}

export function isLive(state: CallState): boolean {
  return state.status !== 'ended';
}

/** Users a call concerns: its initiator, invitees and whoever joined (the audience of `call_ended`). */
export function involvedUserIds(state: CallState): string[] {
  return unique([state.initiatorId, ...state.invitedUserIds, ...state.joinedUserIds]);
}

export function participantUserIds(state: CallState): string[] {
  return unique(state.participants.map((participant) => participant.userId));
}

export function ringUntilOf(state: Pick<CallState, 'createdAt'>, ringTimeoutSeconds: number): string {
  return new Date(Date.parse(state.createdAt) + ringTimeoutSeconds * 1000).toISOString();
}

export function durationSecondsOf(state: CallState): number | null {
  if (!state.answeredAt || !state.endedAt) {
    return null;
  }
  return Math.max(0, Math.round((Date.parse(state.endedAt) - Date.parse(state.answeredAt)) / 1000));
}

export function toCallView(state: CallState, ringTimeoutSeconds: number): CallView {
  return {
    callId: state.callId,
    conversationId: state.conversationId,
    kind: state.kind,
    type: state.type,
    initiatorId: state.initiatorId,
    status: state.status,
    createdAt: state.createdAt,
    answeredAt: state.answeredAt,
    endedAt: state.endedAt,
    endReason: state.endReason,
    participants: state.participants.map(toParticipantView),
    ringUntil: ringUntilOf(state, ringTimeoutSeconds),
  };
}

export function toParticipantView(participant: CallParticipant): CallView['participants'][number] {
  const { userId, deviceId, joinedAt, audio, video, screen, disconnectedAt } = participant;
  return { userId, deviceId, joinedAt, audio, video, screen, connected: disconnectedAt === null };
}

/** The ended call as history records it. */
export function toEndedCall(state: CallState): EndedCall {
  if (state.status !== 'ended' || !state.endedAt || !state.endReason) {
    throw new Error(`Call ${state.callId} has not ended`);
  }
  return {
    callId: state.callId,
    conversationId: state.conversationId,
    kind: state.kind,
    type: state.type,
    initiatorId: state.initiatorId,
    createdAt: state.createdAt,
    answeredAt: state.answeredAt,
    endedAt: state.endedAt,
    endReason: state.endReason,
    endedBy: state.endedBy,
    invitedUserIds: [...state.invitedUserIds],
    rejectedUserIds: [...state.rejectedUserIds],
    missedUserIds: [...state.missedUserIds],
    participations: state.history.map((entry) => ({ ...entry })),
  };
}

export function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
