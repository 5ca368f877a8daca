import type { CallEndedPayload, CallParticipantView, CallView, IncomingCallPayload } from '../api/types';

/** My own microphone, camera and screen share, as `call_media` announces them. */
export interface MediaFlags {
  audio: boolean;
  video: boolean;
  screen: boolean;
}

/** The call this device is in (from the ack of `call_invite`/`call_accept`, kept current by events). */
export interface CurrentCall {
  call: CallView;
  /** This device's id in the call (the participant with my user id: one device per user). */
  myDeviceId: string;
  media: MediaFlags;
}

/** A call that has just ended for this device, shown for a moment. */
export type EndedNotice = CallEndedPayload;

export interface CallUiState {
  /** Calls ringing for this user, oldest first (usually none or one). */
  incoming: IncomingCallPayload[];
  current: CurrentCall | null;
  ended: EndedNotice | null;
}

export const idleCalls: CallUiState = { incoming: [], current: null, ended: null };

export type CallAction =
  | { kind: 'incoming'; payload: IncomingCallPayload }
  | { kind: 'stop-ringing'; callId: string }
  | { kind: 'joined'; call: CallView; myUserId: string; media: MediaFlags }
  | { kind: 'accepted'; callId: string; answeredAt: string }
  | { kind: 'participant-joined'; callId: string; participant: CallParticipantView }
  | { kind: 'participant-left'; callId: string; deviceId: string }
  | { kind: 'media'; callId: string; deviceId: string; flags: MediaFlags }
  | { kind: 'my-media'; flags: MediaFlags }
  | { kind: 'ended'; payload: CallEndedPayload }
  | { kind: 'dismiss-ended' };

const isCurrent = (state: CallUiState, callId: string) => state.current?.call.callId === callId;

function updateCall(state: CallUiState, callId: string, change: (call: CallView) => CallView): CallUiState {
  if (!state.current || !isCurrent(state, callId)) {
    return state;
  }
  return { ...state, current: { ...state.current, call: change(state.current.call) } };
}

/** Every call event (server's or this device's own) applied to what the call screens show. */
export function reduceCalls(state: CallUiState, action: CallAction): CallUiState {
  switch (action.kind) {
    case 'incoming': {
      const { callId } = action.payload;
      if (isCurrent(state, callId) || state.incoming.some((call) => call.callId === callId)) {
        return state;
      }
      return { ...state, incoming: [...state.incoming, action.payload] };
    }
    case 'stop-ringing':
      return state.incoming.some((call) => call.callId === action.callId)
        ? { ...state, incoming: state.incoming.filter((call) => call.callId !== action.callId) }
        : state;
    case 'joined': {
      const me = action.call.participants.find((p) => p.userId === action.myUserId);
      if (!me) {
        return state;
      }
      return {
        incoming: state.incoming.filter((call) => call.callId !== action.call.callId),
        current: { call: action.call, myDeviceId: me.deviceId, media: action.media },
        ended: null,
      };
    }
    case 'accepted':
      return updateCall(state, action.callId, (call) => ({
        ...call,
        status: 'active',
        answeredAt: call.answeredAt ?? action.answeredAt,
      }));
    case 'participant-joined':
      return updateCall(state, action.callId, (call) => ({
        ...call,
        status: call.status === 'ringing' && call.kind === 'direct' ? 'active' : call.status,
        // A rejoin of the same device replaces its old entry.
        participants: [
          ...call.participants.filter((p) => p.deviceId !== action.participant.deviceId),
          action.participant,
        ],
      }));
    case 'participant-left':
      return updateCall(state, action.callId, (call) => ({
        ...call,
        participants: call.participants.filter((p) => p.deviceId !== action.deviceId),
      }));
    case 'media':
      return updateCall(state, action.callId, (call) => ({
        ...call,
        participants: call.participants.map((p) =>
          p.deviceId === action.deviceId ? { ...p, ...action.flags } : p,
        ),
      }));
    case 'my-media':
      return state.current ? { ...state, current: { ...state.current, media: action.flags } } : state;
    case 'ended': {
      // The call this device is in, or the one it was joining when it ended (busy, unavailable).
      const { payload } = action;
      return {
        incoming: state.incoming.filter((call) => call.callId !== payload.callId),
        current: isCurrent(state, payload.callId) ? null : state.current,
        ended: payload,
      };
    }
    case 'dismiss-ended':
      return state.ended ? { ...state, ended: null } : state;
  }
}

/**
 * The devices this device offers to as it joins (the contract's mesh rule: the joiner offers to everyone
 * listed in its ack; those already in the call wait for offers).
 */
export function offerTargets(call: CallView, myDeviceId: string): CallParticipantView[] {
  return call.participants.filter((p) => p.deviceId !== myDeviceId);
}

/** The people in the call other than me, one entry per device. */
export function othersIn(current: CurrentCall): CallParticipantView[] {
  return current.call.participants.filter((p) => p.deviceId !== current.myDeviceId);
}
