import type { ConversationResponse } from '../api/types';
import { directPeer } from './conversation-list';

/** The picture a conversation shows: the other person's in a direct chat, the group's own in a group. */
export function conversationAvatarUrl(conversation: ConversationResponse, myUserId: string): string | null {
  const peer = directPeer(conversation, myUserId);
  if (peer) {
    return conversation.members.find((member) => member.userId === peer)?.avatarUrl ?? null;
  }
  return conversation.avatarUrl ?? null;
}

/** Only https pictures are shown (the server accepts nothing else; this guards stale or odd data). */
export function displayableAvatar(
  url: string | null | undefined,
  failed: ReadonlySet<string>,
): string | null {
  if (!url || failed.has(url)) {
    return null;
  }
  try {
    return new URL(url).protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}
