import { NotificationState, NotifyLevel } from '../conversations/notification-preferences';

/** Who may need a push for a message, and when a stored message needs no push job at all. */

/**
 * What a message says about whom it is aimed at: direct `@<userId>` mentions, the replied-to sender, and
 * whether it mentions `@all` in a group (`@here` reaches only members online when it was sent, so nobody a
 * push is for).
 */
export interface MessageTargets {
  senderId: string;
  mentions: readonly string[];
  repliedToUserId: string | null;
  mentionsAll: boolean;
}

/**
 * The members a message may be pushed to before presence is asked, by their preferences in the conversation:
 * never the sender, nobody at level `none`; members at level `mentions` or who muted the conversation only
 * when the message mentions them or replies to them, and an `@all` reaches those at level `mentions` who
 * have not muted the conversation.
 */
export function pushCandidates(
  states: ReadonlyMap<string, NotificationState>,
  message: MessageTargets,
): string[] {
  const aimedAt = new Set(message.mentions);
  if (message.repliedToUserId) {
    aimedAt.add(message.repliedToUserId);
  }
  return [...states]
    .filter(([userId, state]) => {
      if (userId === message.senderId || state.notify === NotifyLevel.None) {
        return false;
      }
      return (
        aimedAt.has(userId) || (!state.muted && (state.notify === NotifyLevel.All || message.mentionsAll))
      );
    })
    .map(([userId]) => userId);
}

/**
 * The recipients the send did not see online: every member but the sender when it could not tell. None means
 * a push job would find nobody to push.
 */
export function recipientsNotReached(event: {
  senderId: string;
  members: ReadonlyMap<string, unknown>;
  recipientsReached?: readonly string[];
}): string[] {
  const reached = new Set(event.recipientsReached);
  return [...event.members.keys()].filter((userId) => userId !== event.senderId && !reached.has(userId));
}
