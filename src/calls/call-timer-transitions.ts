import { ServerEvent } from '../realtime/events';
import { CallState, isLive, unique } from './call-state';
import { CallStep, endCall, leaveCall, without } from './call-transitions';

/**
 * The steps nobody asks for with a call event: a device's socket dropping and its grace running out, the
 * ring timeout, and a member removed from the group. Each is a no-op on a call that moved on (ended, the
 * device rejoined), since timers and hooks may fire late or twice.
 */

/** The device's last socket dropped: it keeps its place for the reconnect grace. */
export function markDisconnected(state: CallState, deviceId: string, now: string): CallStep {
  const participant = state.participants.find((p) => p.deviceId === deviceId);
  if (!isLive(state) || !participant || participant.disconnectedAt !== null) {
    return { state, announce: [] };
  }
  const marked = { ...participant, disconnectedAt: now };
  return {
    state: { ...state, participants: state.participants.map((p) => (p === participant ? marked : p)) },
    announce: [],
  };
}

/** The grace of a disconnect ran out: the device leaves unless it came back (or dropped again) since. */
export function reconnectGraceExpired(
  state: CallState,
  deviceId: string,
  disconnectedAt: string,
  now: string,
): CallStep {
  const participant = state.participants.find((p) => p.deviceId === deviceId);
  if (!isLive(state) || !participant || participant.disconnectedAt !== disconnectedAt) {
    return { state, announce: [] };
  }
  return leaveCall(state, participant, 'disconnected', now);
}

/**
 * The ring timeout: a call nobody but the initiator joined ends `no_answer`; in a group call that someone
 * answered, those still ringing are missed (and may still join).
 */
export function ringTimedOut(state: CallState, now: string): CallStep {
  if (!isLive(state)) {
    return { state, announce: [] };
  }
  if (state.answeredAt === null) {
    return endCall(state, 'no_answer', null, now);
  }
  if (state.ringingUserIds.length === 0) {
    return { state, announce: [] };
  }
  const missed = state.ringingUserIds;
  return {
    state: { ...state, ringingUserIds: [], missedUserIds: unique([...state.missedUserIds, ...missed]) },
    announce: [
      {
        event: ServerEvent.CallMissed,
        payload: { callId: state.callId, conversationId: state.conversationId },
        to: { userIds: missed },
      },
    ],
  };
}

/**
 * A member left or was removed from the group: their devices leave (`removed`, also told to themselves)
 * and their ringing stops (`call_missed`, though they are not recorded as missed: they are no member now).
 */
export function removeMember(state: CallState, userId: string, now: string): CallStep {
  if (!isLive(state)) {
    return { state, announce: [] };
  }
  let step: CallStep = {
    state: { ...state, ringingUserIds: without(state.ringingUserIds, userId) },
    announce: [],
  };
  if (state.ringingUserIds.includes(userId)) {
    step.announce.push({
      event: ServerEvent.CallMissed,
      payload: { callId: state.callId, conversationId: state.conversationId },
      to: { userIds: [userId] },
    });
  }
  for (const device of state.participants.filter((p) => p.userId === userId)) {
    if (!isLive(step.state)) {
      break;
    }
    const left = leaveCall(step.state, device, 'removed', now);
    step = { state: left.state, announce: [...step.announce, ...left.announce] };
    step.announce.push({
      event: ServerEvent.CallParticipantLeft,
      payload: { callId: state.callId, userId, deviceId: device.deviceId, reason: 'removed' },
      to: { userIds: [userId] },
    });
  }
  return step;
}

/**
 * What the call's timers should have done by `now`: the ring timeout once it passed, then each device's
 * grace once it ran out. For the sweep that finds calls whose timer jobs were lost; on a call whose timers
 * did run, it changes nothing (each step is a no-op once applied).
 */
export function overdueTimers(
  state: CallState,
  now: string,
  deadlines: { ringTimeoutMs: number; graceMs: number },
): CallStep {
  const at = Date.parse(now);
  const rang = at - Date.parse(state.createdAt) >= deadlines.ringTimeoutMs;
  let step: CallStep = rang ? ringTimedOut(state, now) : { state, announce: [] };
  for (const participant of [...step.state.participants]) {
    const { disconnectedAt, deviceId } = participant;
    if (disconnectedAt !== null && at - Date.parse(disconnectedAt) >= deadlines.graceMs) {
      const next = reconnectGraceExpired(step.state, deviceId, disconnectedAt, now);
      step = { state: next.state, announce: [...step.announce, ...next.announce] };
    }
  }
  return step;
}
