import type { ConversationResponse, NotifyLevel } from '../api/types';

/** The server's enum as a string union (its types are imported type-only). */
export type Level = `${NotifyLevel}`;

/** What the preferences read of a conversation. */
type WithPrefs = Pick<ConversationResponse, 'muted'> &
  Partial<Pick<ConversationResponse, 'mutedUntil'>> & {
    notify?: Level;
  };

export const NOTIFY_LEVELS: Array<{ level: Level; label: string; hint: string }> = [
  { level: 'all', label: 'All new messages', hint: 'Push for every message while you are away.' },
  {
    level: 'mentions',
    label: 'Mentions and replies only',
    hint: 'Only when someone mentions you (or @all, @here) or replies to you.',
  },
  { level: 'none', label: 'Nothing', hint: 'No push, no notifications, no email from this conversation.' },
];

export interface MuteChoice {
  id: string;
  label: string;
  /** How long, or null for "until turned back on". */
  ms: number | null;
}

const HOUR = 60 * 60 * 1000;

export const MUTE_CHOICES: MuteChoice[] = [
  { id: '1h', label: 'For 1 hour', ms: HOUR },
  { id: '8h', label: 'For 8 hours', ms: 8 * HOUR },
  { id: '1d', label: 'For 1 day', ms: 24 * HOUR },
  { id: 'forever', label: 'Until I turn it back on', ms: null },
];

/** `PATCH /conversations/:id/me` bodies. */
export type MembershipPatch = { muted?: boolean; mutedUntil?: string | null; notify?: Level };

/** Both keys, always: a bare `muted: true` would keep an old end that has passed (muted, but not now). */
export const MUTE_FOREVER_BODY: MembershipPatch = { muted: true, mutedUntil: null };
export const UNMUTE_BODY: MembershipPatch = { muted: false, mutedUntil: null };

export function muteBody(choice: MuteChoice, now: number): MembershipPatch {
  return choice.ms === null
    ? MUTE_FOREVER_BODY
    : { muted: true, mutedUntil: new Date(now + choice.ms).toISOString() };
}

export function notifyLevelOf(conversation: WithPrefs): Level {
  return conversation.notify ?? 'all';
}

/**
 * Muted at `now`: the server's `muted` is the state when it answered; a mute with an end runs out on the
 * client's clock without another answer.
 */
export function mutedNow(conversation: WithPrefs, now: number): boolean {
  if (!conversation.muted) {
    return false;
  }
  const until = conversation.mutedUntil ?? null;
  return until === null || Date.parse(until) > now;
}

/** "Muted until 15:30", "Muted until Tue 09:00", "Muted until you turn it back on"; null when not muted. */
export function muteStatus(conversation: WithPrefs, now: number): string | null {
  if (!mutedNow(conversation, now)) {
    return null;
  }
  const until = conversation.mutedUntil ?? null;
  if (until === null) {
    return 'Muted until you turn it back on';
  }
  const end = new Date(until);
  const sameDay = end.toDateString() === new Date(now).toDateString();
  const time = end.toLocaleTimeString('en', { hour: '2-digit', minute: '2-digit', hour12: false });
  return sameDay
    ? `Muted until ${time}`
    : `Muted until ${end.toLocaleDateString('en', { weekday: 'short' })} ${time}`;
}
