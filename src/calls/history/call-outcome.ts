import type { CallMessageInfo, CallMessageStatus } from '../../realtime/server-events';
import type { EndedCall } from '../calls.events';

/**
 * How a call went, for its `call` message: `failed` when a device's connection failed, `completed` once anyone but the
 * initiator answered, otherwise by why it ended unanswered (a hang-up while ringing, or a group call only
 * its initiator ever joined, is `cancelled`).
 */
export function callStatusOf(call: Pick<EndedCall, 'answeredAt' | 'endReason'>): CallMessageStatus {
  if (call.endReason === 'failed') {
    return 'failed';
  }
  if (call.answeredAt !== null) {
    return 'completed';
  }
  switch (call.endReason) {
    case 'no_answer':
      return 'missed';
    case 'rejected':
    case 'busy':
    case 'unavailable':
      return call.endReason;
    case 'ended':
    case 'cancelled':
    case 'disconnected':
      return 'cancelled';
  }
}

/**
 * Seconds from the first answer to the end, rounded as `call_ended` rounds them (so both say the same);
 * null when nobody answered.
 */
export function callDurationSeconds(call: Pick<EndedCall, 'answeredAt' | 'endedAt'>): number | null {
  if (call.answeredAt === null) {
    return null;
  }
  const ms = Date.parse(call.endedAt) - Date.parse(call.answeredAt);
  return Number.isFinite(ms) ? Math.max(0, Math.round(ms / 1000)) : null;
}

/** Everyone who joined, each once, in the order they first joined. */
export function joinedUserIds(call: Pick<EndedCall, 'participations'>): string[] {
  const byJoin = [...call.participations].sort((a, b) => Date.parse(a.joinedAt) - Date.parse(b.joinedAt));
  return [...new Set(byJoin.map((participation) => participation.userId))];
}

/** The `call` field of the call's message. */
export function callMessageInfoOf(call: EndedCall): CallMessageInfo {
  return {
    callId: call.callId,
    type: call.type,
    status: callStatusOf(call),
    endReason: call.endReason,
    durationSeconds: callDurationSeconds(call),
    participantIds: joinedUserIds(call),
    missedUserIds: [...call.missedUserIds],
  };
}
