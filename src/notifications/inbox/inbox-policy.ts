import { NotificationState, NotifyLevel } from '../../conversations/notification-preferences';
import type { NotificationKind } from '../../realtime/server-events';

/** What of a stored message may become inbox entries, as `MessageStoredEvent` tells it. */
export interface MessageSource {
  senderId: string;
  mentions: readonly string[];
  broadcast: 'all' | 'here' | null;
  replyTo: { messageId: string; senderId: string } | null;
}

/**
 * Whether a stored message may notify anyone, from the event alone: a message without a mention of
 * someone else, a broadcast or a reply to someone else costs the inbox nothing (no job, no write).
 */
export function messageMayNotify(message: MessageSource): boolean {
  return (
    message.mentions.some((userId) => userId !== message.senderId) ||
    message.broadcast !== null ||
    (message.replyTo !== null && message.replyTo.senderId !== message.senderId)
  );
}

/** The levels at which entries of each kind are kept; `none` keeps nothing of the conversation. */
export function entryAllowed(kind: NotificationKind, state: NotificationState): boolean {
  if (state.notify === NotifyLevel.None) {
    return false;
  }
  // `mentions` means "only what is about me": mentions and replies, membership and role changes.
  return !(kind === 'reaction' && state.notify === NotifyLevel.Mentions);
}

/**
 * Who gets a mention entry and who a reply entry for a message. The replied-to sender gets the reply entry
 * only (one entry per message and person); a direct `@<id>` mention counts whatever the recipient's mute; a
 * broadcast (`@all`, or `@here` for those online) reaches only the members whose level is `all` or
 * `mentions` and who have not muted the conversation. Never the sender.
 */
export function messageRecipients(
  message: MessageSource,
  broadcast: { candidates: readonly string[]; states: ReadonlyMap<string, NotificationState> },
): { reply: string | null; mentions: string[] } {
  const reply =
    message.replyTo !== null && message.replyTo.senderId !== message.senderId
      ? message.replyTo.senderId
      : null;
  const reached = broadcast.candidates.filter((userId) => {
    const state = broadcast.states.get(userId);
    return state !== undefined && state.notify !== NotifyLevel.None && !state.muted;
  });
  const mentions = [...new Set([...message.mentions, ...reached])].filter(
    (userId) => userId !== message.senderId && userId !== reply,
  );
  return { reply, mentions };
}
