import type { ServerEvent, ServerEventPayloads } from '../realtime/events';

/** The server events a call's changes announce (the signals are relayed, not announced). */
export type CallServerEvent =
  | ServerEvent.CallAccepted
  | ServerEvent.CallAnsweredElsewhere
  | ServerEvent.CallRejected
  | ServerEvent.CallParticipantJoined
  | ServerEvent.CallParticipantLeft
  | ServerEvent.CallMedia
  | ServerEvent.CallBusy
  | ServerEvent.CallMissed
  | ServerEvent.CallEnded;

/** Every device of these users (but those of the excepted sessions), or exactly these sessions' devices. */
export type CallAudience = { userIds: string[]; exceptSessionIds?: string[] } | { sessionIds: string[] };

export type CallAnnouncement = {
  [E in CallServerEvent]: { event: E; payload: ServerEventPayloads[E]; to: CallAudience };
}[CallServerEvent];
