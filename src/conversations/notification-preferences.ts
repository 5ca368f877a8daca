/** How much a member hears from one conversation (`PATCH /conversations/:id/me`). */
export enum NotifyLevel {
  /** Web Push for every message while offline; inbox entries for mentions, replies and reactions. */
  All = 'all',
  /** Web Push only for messages that mention the member or reply to them. */
  Mentions = 'mentions',
  /** Nothing from this conversation but its unread count: no push, no inbox entry, no email. */
  None = 'none',
}

/** A member's notification preferences in one conversation, with the mute evaluated at a given time. */
export interface NotificationState {
  notify: NotifyLevel;
  muted: boolean;
}

/** A mute applies with no end, or until `mutedUntil`; an expired mute needs no write to lift it. */
export function isMutedAt(
  membership: { muted: boolean; mutedUntil?: Date | null },
  now: Date = new Date(),
): boolean {
  return membership.muted && (!membership.mutedUntil || membership.mutedUntil.getTime() > now.getTime());
}

export interface PreferencesInput {
  muted?: boolean;
  mutedUntil?: Date | null;
  notify?: NotifyLevel;
}

/**
 * The stored fields an update sets. Muting with an end (`mutedUntil`) mutes; `muted: true` alone mutes with
 * no end; unmuting clears the end; `mutedUntil: null` alone makes a mute open-ended.
 */
export function preferenceChanges(input: PreferencesInput): PreferencesInput {
  const changes: PreferencesInput = input.notify === undefined ? {} : { notify: input.notify };
  if (input.muted === false) {
    return { ...changes, muted: false, mutedUntil: null };
  }
  if (input.mutedUntil !== undefined) {
    const muted = input.mutedUntil !== null || input.muted === true ? { muted: true } : {};
    return { ...changes, ...muted, mutedUntil: input.mutedUntil };
  }
  return input.muted ? { ...changes, muted: true, mutedUntil: null } : changes;
}
