import type { CallEndReason, CallMessageInfo, CallType, MessageResponse } from '../api/types';

export type { CallMessageInfo };

/** The call a message records (its `call` field), or null for any other message. */
export function callInfoOf(message: Pick<MessageResponse, 'type' | 'call'>): CallMessageInfo | null {
  return `${message.type}` === 'call' ? (message.call ?? null) : null;
}

const kindWord = (type: CallType) => (type === 'video' ? 'video' : 'voice');
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "45 s", "3 min", "1 h 5 min": a call's length as the timeline shows it. */
export function spokenDuration(seconds: number): string {
  if (seconds < 60) {
    return `${Math.max(0, Math.round(seconds))} s`;
  }
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min`;
  }
  const rest = minutes % 60;
  return rest === 0 ? `${Math.floor(minutes / 60)} h` : `${Math.floor(minutes / 60)} h ${rest} min`;
}

/** "0:07", "12:30", "1:02:03": the running timer of a call. */
export function clockDuration(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * The timeline's line for a call message, from the viewer's side: the caller reads what became of their
 * call ("Video call · No answer"), the others what it was to them ("Missed video call").
 */
export function callMessageText(info: CallMessageInfo, initiatorId: string, myUserId: string): string {
  const call = `${capitalised(kindWord(info.type))} call`;
  const mine = initiatorId === myUserId;
  const missed = `Missed ${kindWord(info.type)} call`;
  if (!mine && info.missedUserIds.includes(myUserId)) {
    return missed; // a group call others answered, or one that rang out on me
  }
  switch (info.status) {
    case 'completed':
      return info.durationSeconds === null ? call : `${call} · ${spokenDuration(info.durationSeconds)}`;
    case 'rejected':
      return mine ? `${call} · Declined` : `Declined ${kindWord(info.type)} call`;
    case 'missed':
      return mine ? `${call} · No answer` : missed;
    case 'cancelled':
      return mine ? `${call} · Cancelled` : missed;
    case 'busy':
      return mine ? `${call} · Busy` : missed;
    case 'unavailable':
      return mine ? `${call} · Unavailable` : missed;
    case 'failed':
      return `${call} · Failed`;
  }
}

/** Whether the timeline marks it as a problem for the viewer (drawn in the alert colour). */
export function isMissedFor(info: CallMessageInfo, initiatorId: string, myUserId: string): boolean {
  return initiatorId !== myUserId && info.missedUserIds.includes(myUserId);
}

/**
 * What the call screen says as a call ends for this device. `endedByMe` is whether this user ended it
 * (then "Call ended" is enough); `peerName` names the other side of a direct call.
 */
export function endedText(
  reason: CallEndReason,
  options: { endedByMe: boolean; peerName: string | null; durationSeconds: number | null },
): string {
  const who = options.peerName ?? 'They';
  const length = options.durationSeconds === null ? '' : ` · ${clockDuration(options.durationSeconds)}`;
  switch (reason) {
    case 'ended':
      return `Call ended${length}`;
    case 'rejected':
      return options.endedByMe ? 'Call declined' : `${who} declined the call`;
    case 'no_answer':
      return 'No answer';
    case 'busy':
      return options.peerName ? `${options.peerName} is on another call` : 'They are on another call';
    case 'unavailable':
      return `${who} cannot be reached right now`;
    case 'cancelled':
      return options.endedByMe ? 'Call cancelled' : 'The caller hung up';
    case 'disconnected':
      return `Call dropped: the connection was lost${length}`;
    case 'failed':
      return 'The call failed';
  }
}

/** The words for a refused call action (the ack's code). */
export function callErrorText(code: string, fallback: string): string {
  const texts: Record<string, string> = {
    ALREADY_IN_CALL: 'You are already in another call.',
    CALL_FULL: 'This call is full.',
    CALL_ENDED: 'This call has already ended.',
    CALL_NOT_FOUND: 'This call is no longer available.',
    CALL_ANSWERED_ELSEWHERE: 'You answered this call on another device.',
    DIRECT_CONVERSATION_BLOCKED: 'You cannot call this person.',
    CONVERSATION_NOT_FOUND: 'You are not a member of this conversation.',
    OFFLINE: 'You are offline. Try again when the connection is back.',
    RATE_LIMITED: 'Too many attempts. Wait a moment and try again.',
  };
  return texts[code] ?? fallback;
}
