import { ServerEvent } from '../realtime/events';
import type { CallEndReason, CallType } from '../realtime/server-events';
import { CallAnnouncement } from './call-announcement';
import {
  CallDeviceRef,
  CallParticipant,
  CallState,
  durationSecondsOf,
  involvedUserIds,
  isLive,
  toParticipantView,
  unique,
} from './call-state';
import { CallsError, CallsErrorCode } from './calls.errors';

/**
 * The call state machine (docs/calls.md), as pure functions: each takes the state read from Redis and
 * returns the next one with what to announce, or throws the coded refusal. A step that returns the very
 * state it was given changes nothing (nothing is written). The store applies a step by compare-and-set, so
 * when two instances race, the loser recomputes its step from the winner's state.
 */
export interface CallStep {
  state: CallState;
  announce: CallAnnouncement[];
}

/** `failed`: the device hung up because its connection could not be set up or was lost for good. */
export type LeaveReason = 'left' | 'failed' | 'disconnected' | 'removed';

export interface StartCallInput {
  callId: string;
  conversationId: string;
  kind: 'direct' | 'group';
  type: CallType;
  initiator: CallDeviceRef;
  /** The members to ring: never the initiator, blocked ones already left out. */
  invitedUserIds: readonly string[];
  now: string;
}

/** A new ringing call with the initiator's device joined. */
export function startCall(input: StartCallInput): CallState {
  const invited = unique(input.invitedUserIds).filter((id) => id !== input.initiator.userId);
  return {
    version: 0,
    callId: input.callId,
    conversationId: input.conversationId,
    kind: input.kind,
    type: input.type,
    initiatorId: input.initiator.userId,
    status: 'ringing',
    createdAt: input.now,
    answeredAt: null,
    endedAt: null,
    endReason: null,
    endedBy: null,
    invitedUserIds: invited,
    ringingUserIds: [...invited],
    rejectedUserIds: [],
    missedUserIds: [],
    joinedUserIds: [input.initiator.userId],
    participants: [newParticipant(input.initiator, input.type, input.now)],
    history: [],
  };
}

/**
 * A device joins (accept, a later join of a group call, or a rejoin after a reconnect). The caller has
 * checked the user may (member, not blocked, in no other call). A device already in the call rejoins: its
 * peers get `call_participant_joined` again, drop their old connection to it and wait for its new offer.
 */
export function joinCall(
  state: CallState,
  device: CallDeviceRef,
  options: { now: string; maxParticipants: number },
): CallStep {
  refuseIfEnded(state, device.userId);
  const { now } = options;
  const existing = state.participants.find((p) => p.deviceId === device.deviceId);
  if (existing) {
    const rejoined = { ...existing, sessionId: device.sessionId, disconnectedAt: null };
    const next =
      existing.disconnectedAt === null
        ? state
        : { ...state, participants: state.participants.map((p) => (p === existing ? rejoined : p)) };
    return { state: next, announce: [joinedAnnouncement(next, rejoined)] };
  }
  if (state.participants.some((p) => p.userId === device.userId)) {
    throw new CallsError(CallsErrorCode.AnsweredElsewhere);
  }
  if (state.participants.length >= options.maxParticipants) {
    throw new CallsError(CallsErrorCode.Full);
  }
  const participant = newParticipant(device, state.type, now);
  const firstJoin = !state.joinedUserIds.includes(device.userId);
  const answers = state.answeredAt === null && device.userId !== state.initiatorId;
  const next: CallState = {
    ...state,
    status: answers ? 'active' : state.status,
    answeredAt: answers ? now : state.answeredAt,
    ringingUserIds: without(state.ringingUserIds, device.userId),
    missedUserIds: without(state.missedUserIds, device.userId),
    rejectedUserIds: without(state.rejectedUserIds, device.userId),
    joinedUserIds: firstJoin ? [...state.joinedUserIds, device.userId] : state.joinedUserIds,
    participants: [...state.participants, participant],
  };
  const { callId, conversationId } = state;
  const announce: CallAnnouncement[] = [];
  if (firstJoin) {
    announce.push({
      event: ServerEvent.CallAccepted,
      payload: { callId, conversationId, userId: device.userId, deviceId: device.deviceId, answeredAt: now },
      to: { userIds: unique([state.initiatorId, ...state.invitedUserIds]) },
    });
  }
  announce.push(
    {
      event: ServerEvent.CallAnsweredElsewhere,
      payload: { callId, conversationId, deviceId: device.deviceId },
      to: { userIds: [device.userId], exceptSessionIds: [device.sessionId] },
    },
    joinedAnnouncement(next, participant),
  );
  return { state: next, announce };
}

/** A ringing invitee declines: a direct call ends `rejected`; a group call stops ringing for them. */
export function rejectCall(state: CallState, rejecter: CallDeviceRef, now: string): CallStep {
  refuseIfEnded(state, rejecter.userId);
  const { userId } = rejecter;
  if (!state.ringingUserIds.includes(userId)) {
    throw new CallsError(CallsErrorCode.NotFound);
  }
  const rejected: CallState = {
    ...state,
    ringingUserIds: without(state.ringingUserIds, userId),
    rejectedUserIds: unique([...state.rejectedUserIds, userId]),
  };
  // A group nobody answered ends too once every invitee declined: there is no one left to wait for.
  const nobodyLeft = rejected.ringingUserIds.length === 0 && rejected.answeredAt === null;
  if (state.kind === 'direct' || nobodyLeft) {
    return endCall(rejected, 'rejected', userId, now);
  }
  const { callId, conversationId } = state;
  return {
    state: rejected,
    announce: [
      {
        event: ServerEvent.CallRejected,
        payload: { callId, conversationId, userId },
        to: { userIds: [userId], exceptSessionIds: [rejecter.sessionId] },
      },
      {
        event: ServerEvent.CallRejected,
        payload: { callId, conversationId, userId },
        to: { sessionIds: sessionsOf(state.participants) },
      },
    ],
  };
}

/**
 * A device leaves: by `call_end`, past its reconnect grace, or removed from the group. A direct call ends
 * with it; a group call ends when nobody is left. Ending `cancelled` means nobody but the initiator ever
 * joined; a direct call whose participant's grace ran out ends `disconnected`.
 */
export function leaveCall(
  state: CallState,
  device: CallDeviceRef,
  reason: LeaveReason,
  now: string,
): CallStep {
  refuseIfEnded(state, device.userId);
  const leaving = state.participants.find((p) => p.deviceId === device.deviceId);
  if (!leaving) {
    throw new CallsError(CallsErrorCode.NotFound);
  }
  const remaining = state.participants.filter((p) => p !== leaving);
  const next: CallState = {
    ...state,
    participants: remaining,
    history: [...state.history, closed(leaving, now)],
  };
  const left: CallAnnouncement = {
    event: ServerEvent.CallParticipantLeft,
    payload: { callId: state.callId, userId: leaving.userId, deviceId: leaving.deviceId, reason },
    to: { sessionIds: sessionsOf(remaining) },
  };
  if (state.kind === 'group' && remaining.length > 0) {
    return { state: next, announce: [left] };
  }
  const endedBy = reason === 'disconnected' ? null : leaving.userId;
  const ended = endCall(next, endReasonOnLeave(next, reason), endedBy, now);
  return { state: ended.state, announce: [left, ...ended.announce] };
}

/**
 * Ends a live call: every device leaves, invitees still ringing are missed, and everyone it concerns is
 * told. A call that ended already is returned as is.
 */
export function endCall(
  state: CallState,
  reason: CallEndReason,
  endedBy: string | null,
  now: string,
): CallStep {
  if (!isLive(state)) {
    return { state, announce: [] };
  }
  const next: CallState = {
    ...state,
    status: 'ended',
    endedAt: now,
    endReason: reason,
    endedBy,
    ringingUserIds: [],
    missedUserIds: unique([...state.missedUserIds, ...state.ringingUserIds]),
    participants: [],
    history: [...state.history, ...state.participants.map((p) => closed(p, now))],
  };
  const { callId, conversationId } = state;
  const announce: CallAnnouncement[] = [];
  if (reason === 'busy') {
    announce.push({
      event: ServerEvent.CallBusy,
      payload: { callId, conversationId, userId: state.invitedUserIds[0] ?? '' },
      to: { userIds: [state.initiatorId] },
    });
  }
  // A call that never rang (busy, unavailable) ends for its caller alone.
  const neverRang = reason === 'busy' || reason === 'unavailable';
  announce.push({
    event: ServerEvent.CallEnded,
    payload: { callId, conversationId, reason, endedBy, durationSeconds: durationSecondsOf(next) },
    to: { userIds: neverRang ? [state.initiatorId] : involvedUserIds(next) },
  });
  return { state: next, announce };
}

/** A participant's microphone, camera or screen share changed. */
export function setMedia(
  state: CallState,
  device: CallDeviceRef,
  media: { audio: boolean; video: boolean; screen: boolean },
): CallStep {
  const participant = requireParticipant(state, device);
  const updated = { ...participant, ...media };
  const next = { ...state, participants: state.participants.map((p) => (p === participant ? updated : p)) };
  return {
    state: next,
    announce: [
      {
        event: ServerEvent.CallMedia,
        payload: { callId: state.callId, userId: device.userId, deviceId: device.deviceId, ...media },
        to: { sessionIds: sessionsOf(next.participants.filter((p) => p !== updated)) },
      },
    ],
  };
}

/** The device's participation in a live call; anything else is refused without revealing more. */
export function requireParticipant(state: CallState, device: CallDeviceRef): CallParticipant {
  refuseIfEnded(state, device.userId);
  const participant = state.participants.find(
    (p) => p.deviceId === device.deviceId && p.userId === device.userId,
  );
  if (!participant) {
    throw new CallsError(CallsErrorCode.NotFound);
  }
  return participant;
}

/** An ended call is `CALL_ENDED` to those it concerned and as unknown as any other to everyone else. */
function refuseIfEnded(state: CallState, userId: string): void {
  if (!isLive(state)) {
    throw new CallsError(
      involvedUserIds(state).includes(userId) ? CallsErrorCode.Ended : CallsErrorCode.NotFound,
    );
  }
}

function endReasonOnLeave(state: CallState, reason: LeaveReason): CallEndReason {
  if (state.kind === 'direct' && (reason === 'disconnected' || reason === 'failed')) {
    return reason;
  }
  return state.answeredAt === null ? 'cancelled' : 'ended';
}

function joinedAnnouncement(state: CallState, participant: CallParticipant): CallAnnouncement {
  return {
    event: ServerEvent.CallParticipantJoined,
    payload: { callId: state.callId, participant: toParticipantView(participant) },
    to: { sessionIds: sessionsOf(state.participants.filter((p) => p.deviceId !== participant.deviceId)) },
  };
}

function newParticipant(device: CallDeviceRef, type: CallType, now: string): CallParticipant {
  const { userId, deviceId, sessionId } = device;
  return {
    userId,
    deviceId,
    sessionId,
    joinedAt: now,
    audio: true,
    video: type === 'video',
    screen: false,
    disconnectedAt: null,
  };
}

function closed(participant: CallParticipant, leftAt: string) {
  return {
    userId: participant.userId,
    deviceId: participant.deviceId,
    joinedAt: participant.joinedAt,
    leftAt,
  };
}

export function sessionsOf(participants: readonly CallParticipant[]): string[] {
  return unique(participants.map((p) => p.sessionId));
}

export function without(ids: readonly string[], id: string): string[] {
  return ids.filter((other) => other !== id);
}
