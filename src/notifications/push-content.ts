import { MessageType } from '../messages/message.schema';

/** Shown instead of the text when previews are off, or when the content cannot be read. */
export const GENERIC_BODY = 'New message';

/** Push payloads are capped near 4 KB by the push services; a notification shows a line or two anyway. */
const MAX_PREVIEW_LENGTH = 140;

const ATTACHMENT_BODY: Record<Exclude<MessageType, MessageType.Text>, string> = {
  [MessageType.Image]: 'Sent an image',
  [MessageType.Audio]: 'Sent an audio file',
  [MessageType.Voice]: 'Sent a voice message',
  [MessageType.Video]: 'Sent a video',
  [MessageType.File]: 'Sent a file',
  // Never pushed as a new message (a call's entry raises no push), but a body for every type keeps this total.
  [MessageType.Call]: 'Call',
};

/** What the browser receives (the Web Push protocol encrypts it end to end to the subscription's keys). */
export interface NewMessagePush {
  type: 'new_message';
  conversationId: string;
  messageId: string;
  seq: number;
  senderId: string;
  senderName: string;
  conversationTitle?: string;
  body: string;
}

/** The fields of a stored message that a push needs. */
export interface PushedMessage {
  id: string;
  conversationId: string;
  seq: number;
  senderId: string;
  type: MessageType;
  content: string | null;
}

/**
 * The payload for one message: `senderName` is the sender's display name (or a stand-in once deleted),
 * `conversationTitle` the group's title (null for direct conversations).
 */
export function newMessagePush(
  message: PushedMessage,
  senderName: string,
  conversationTitle: string | null,
  includePreview: boolean,
): NewMessagePush {
  return {
    type: 'new_message',
    conversationId: message.conversationId,
    messageId: message.id,
    seq: message.seq,
    senderId: message.senderId,
    senderName,
    ...(conversationTitle === null ? {} : { conversationTitle }),
    body: pushBody(message, includePreview),
  };
}

/**
 * The notification text: a shortened preview of the content, a neutral line for attachments without text,
 * or the generic text when the deployment keeps message text out of pushes.
 */
export function pushBody(
  message: { type: MessageType; content: string | null },
  includePreview: boolean,
): string {
  const text = message.content?.trim() ?? '';
  if (!includePreview || (message.type === MessageType.Text && text.length === 0)) {
    return GENERIC_BODY;
  }
  if (text.length === 0) {
    return ATTACHMENT_BODY[message.type as Exclude<MessageType, MessageType.Text>];
  }
  const chars = [...text];
  return chars.length > MAX_PREVIEW_LENGTH ? `${chars.slice(0, MAX_PREVIEW_LENGTH - 1).join('')}…` : text;
}
