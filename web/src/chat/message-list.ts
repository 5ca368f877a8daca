import type { MessageResponse } from '../api/types';

/**
 * The messages of one conversation as the client holds them: sorted by seq, one entry per id. Every source
 * (history pages, acks, `new_message`, `message_edited`, `/sync`) goes through `mergeMessages`, so a message
 * seen twice is shown once.
 */
export interface MessageWindow {
  messages: MessageResponse[];
  /** Whether older messages exist on the server than the first one held. */
  hasOlder: boolean;
}

export const emptyWindow: MessageWindow = { messages: [], hasOlder: true };

/** Later copies of a message replace earlier ones (an edit, a reaction, a deletion). */
export function mergeMessages(window: MessageWindow, incoming: readonly MessageResponse[]): MessageWindow {
  if (incoming.length === 0) {
    return window;
  }
  const byId = new Map(window.messages.map((message) => [message.id, message]));
  for (const message of incoming) {
    byId.set(message.id, message);
  }
  const messages = [...byId.values()].sort((a, b) => a.seq - b.seq);
  return { ...window, messages };
}

/** Adds an older page fetched with `before=`; `full` says whether the page came back full (more may exist). */
export function prependPage(
  window: MessageWindow,
  page: readonly MessageResponse[],
  full: boolean,
): MessageWindow {
  return { ...mergeMessages(window, page), hasOlder: full };
}

export function updateMessage(
  window: MessageWindow,
  messageId: string,
  change: (message: MessageResponse) => MessageResponse,
): MessageWindow {
  let changed = false;
  const messages = window.messages.map((message) => {
    if (message.id !== messageId) {
      return message;
    }
    changed = true;
    return change(message);
  });
  return changed ? { ...window, messages } : window;
}

export function markDeleted(
  window: MessageWindow,
  messageId: string,
  deletedAt: string,
  removedBy?: 'moderation',
): MessageWindow {
  return updateMessage(window, messageId, (message) => ({
    ...message,
    content: null,
    attachments: [],
    reactions: [],
    deletedAt,
    ...(removedBy ? { removedBy } : {}),
  }));
}

export function addReaction(
  window: MessageWindow,
  messageId: string,
  userId: string,
  emoji: string,
): MessageWindow {
  return updateMessage(window, messageId, (message) => {
    const existing = message.reactions.find((reaction) => reaction.emoji === emoji);
    if (existing?.userIds.includes(userId)) {
      return message;
    }
    const reactions = existing
      ? message.reactions.map((reaction) =>
          reaction.emoji === emoji ? { ...reaction, userIds: [...reaction.userIds, userId] } : reaction,
        )
      : [...message.reactions, { emoji, userIds: [userId] }];
    return { ...message, reactions };
  });
}

export function removeReaction(
  window: MessageWindow,
  messageId: string,
  userId: string,
  emoji: string,
): MessageWindow {
  return updateMessage(window, messageId, (message) => ({
    ...message,
    reactions: message.reactions
      .map((reaction) =>
        reaction.emoji === emoji
          ? { ...reaction, userIds: reaction.userIds.filter((id) => id !== userId) }
          : reaction,
      )
      .filter((reaction) => reaction.userIds.length > 0),
  }));
}

/** The seq after which messages are missing: a gap means `/sync` or `after=` must fill it. */
export function firstGapAfter(window: MessageWindow): number | null {
  for (let index = 1; index < window.messages.length; index += 1) {
    if (window.messages[index].seq !== window.messages[index - 1].seq + 1) {
      return window.messages[index - 1].seq;
    }
  }
  return null;
}
