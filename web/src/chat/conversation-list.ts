import type { ConversationResponse, MessageResponse } from '../api/types';
import { callInfoOf } from '../calls/call-text';
import { tokenizeContent } from './mentions';

/** Newest activity first, as every chat app lists conversations. */
export function sortConversations(list: readonly ConversationResponse[]): ConversationResponse[] {
  return [...list].sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt));
}

/**
 * A `new_message` (or a message from `/sync`) updates its conversation's row from the event itself:
 * last message, seq, unread count (not for the user's own messages, nor for the conversation on screen,
 * which is read as it arrives).
 */
export function applyMessageToList(
  list: readonly ConversationResponse[],
  message: MessageResponse,
  context: { myUserId: string; openConversationId: string | null },
): ConversationResponse[] {
  const conversation = list.find((item) => item.id === message.conversationId);
  if (!conversation || message.seq <= (conversation.lastMessage?.seq ?? 0)) {
    return [...list];
  }
  const mine = message.senderId === context.myUserId;
  const reading = context.openConversationId === message.conversationId;
  const readSeq = mine || reading ? Math.max(conversation.readSeq, message.seq) : conversation.readSeq;
  const updated: ConversationResponse = {
    ...conversation,
    lastSeq: Math.max(conversation.lastSeq, message.seq),
    lastMessage: {
      id: message.id,
      seq: message.seq,
      senderId: message.senderId,
      type: message.type,
      preview: previewOf(message),
      createdAt: message.createdAt,
    },
    readSeq,
    unreadCount: Math.max(0, Math.max(conversation.lastSeq, message.seq) - readSeq),
    lastActivityAt:
      message.createdAt > conversation.lastActivityAt ? message.createdAt : conversation.lastActivityAt,
  };
  return sortConversations(list.map((item) => (item.id === updated.id ? updated : item)));
}

/** The user (on any device) read up to `seq`. */
export function applyRead(
  list: readonly ConversationResponse[],
  conversationId: string,
  seq: number,
): ConversationResponse[] {
  return list.map((item) => {
    if (item.id !== conversationId || seq <= item.readSeq) {
      return item;
    }
    const readSeq = Math.min(seq, item.lastSeq);
    return { ...item, readSeq, unreadCount: Math.max(0, item.lastSeq - readSeq) };
  });
}

export function previewOf(message: Pick<MessageResponse, 'content' | 'type' | 'attachments'>): string {
  const call = callInfoOf(message);
  if (call) {
    return call.type === 'video' ? 'Video call' : 'Voice call';
  }
  if (message.content) {
    return message.content.slice(0, 120);
  }
  const labels: Record<string, string> = {
    image: 'Photo',
    video: 'Video',
    audio: 'Audio',
    voice: 'Voice message',
    file: 'File',
  };
  return labels[typeOf(message)] ?? (message.attachments.length > 0 ? 'Attachment' : '');
}

/** What a conversation is called for this viewer: the group title, or the other member of a direct chat. */
export function conversationTitle(conversation: ConversationResponse, myUserId: string): string {
  if (conversation.title) {
    return conversation.title;
  }
  const others = conversation.members.filter((member) => member.userId !== myUserId);
  if (others.length === 0) {
    return 'Just you';
  }
  return others.map((member) => member.displayName).join(', ');
}

/** The other member of a direct chat (for presence dots), or null for groups. */
export function directPeer(conversation: ConversationResponse, myUserId: string): string | null {
  if (kindOf(conversation) !== 'direct') {
    return null;
  }
  return conversation.members.find((member) => member.userId !== myUserId)?.userId ?? null;
}

/** The second line of a row: "You: …" for mine, "Name: …" in groups, the bare preview in direct chats. */
export function previewLine(conversation: ConversationResponse, myUserId: string): string {
  const last = conversation.lastMessage;
  if (!last) {
    return 'No messages yet';
  }
  if (`${last.type}` === 'call') {
    // Not "You: …": a call is no one's words.
    return `📞 ${last.preview || 'Call'}`;
  }
  const preview = readableMentions(last.preview, conversation) || 'Message deleted';
  if (last.senderId === myUserId) {
    return `You: ${preview}`;
  }
  if (isGroup(conversation)) {
    const sender = conversation.members.find((member) => member.userId === last.senderId);
    return `${sender?.displayName ?? 'Someone'}: ${preview}`;
  }
  return preview;
}

/** A row's time: the clock today, "Yesterday", the weekday within a week, else the date. */
export function listTime(iso: string, now: Date = new Date(), locale?: string): string {
  const date = new Date(iso);
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const day = 24 * 60 * 60 * 1000;
  if (date.getTime() >= startOfToday) {
    return date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  }
  if (date.getTime() >= startOfToday - day) {
    return 'Yesterday';
  }
  if (date.getTime() >= startOfToday - 6 * day) {
    return date.toLocaleDateString(locale, { weekday: 'short' });
  }
  return date.toLocaleDateString(locale, { day: 'numeric', month: 'short', year: '2-digit' });
}

/** A conversation answer from the server (mute, rename, members) replaces its row; a new one is added. */
export function upsertConversation(
  list: readonly ConversationResponse[],
  conversation: ConversationResponse,
): ConversationResponse[] {
  const exists = list.some((item) => item.id === conversation.id);
  return sortConversations(
    exists
      ? list.map((item) => (item.id === conversation.id ? conversation : item))
      : [...list, conversation],
  );
}

/** Direct peers whose presence the list shows. */
export function directPeers(list: readonly ConversationResponse[], myUserId: string): string[] {
  const ids = list
    .map((conversation) => directPeer(conversation, myUserId))
    .filter((id): id is string => id !== null);
  return [...new Set(ids)].sort();
}

/**
 * The server's enums by their wire values: the enums themselves are server code (types only reach the
 * browser), so the client compares plain strings.
 */
export type ConversationKindValue = `${ConversationResponse['kind']}`;
export type RoleValue = `${ConversationResponse['myRole']}`;
export type MessageTypeValue = `${MessageResponse['type']}`;

export const kindOf = (conversation: Pick<ConversationResponse, 'kind'>): ConversationKindValue =>
  conversation.kind;
export const roleOf = (role: ConversationResponse['myRole']): RoleValue => role;
export const typeOf = (message: Pick<MessageResponse, 'type'>): MessageTypeValue => message.type;
export const isGroup = (conversation: Pick<ConversationResponse, 'kind'>): boolean =>
  kindOf(conversation) === 'group';
/** Owners and admins of a group manage it (rename, members, deleting others' messages). */
export const managesGroup = (conversation: Pick<ConversationResponse, 'kind' | 'myRole'>): boolean =>
  isGroup(conversation) && roleOf(conversation.myRole) !== 'member';

/** `@<userId>` in a preview as `@Name` (members the row knows), so ids never show. */
function readableMentions(text: string, conversation: ConversationResponse): string {
  return tokenizeContent(text)
    .map((token) => {
      if (token.kind === 'text') {
        return token.text;
      }
      return `@${conversation.members.find((member) => member.userId === token.userId)?.displayName ?? 'someone'}`;
    })
    .join('');
}
