import { Types } from 'mongoose';
import { Message, MessageType } from './message.schema';
import { FieldCipher } from '../common/crypto/field-cipher';

export type MessageRecord = Message & { _id: Types.ObjectId };

export interface AttachmentResponse {
  url: string | null;
  mimeType: string;
  size: number;
  name: string;
  width?: number;
  height?: number;
  durationMs?: number;
}

export interface MessageResponse {
  id: string;
  clientMessageId: string;
  conversationId: string;
  seq: number;
  senderId: string;
  type: MessageType;
  content: string | null;
  attachments: AttachmentResponse[];
  replyTo: string | null;
  mentions: string[];
  reactions: Array<{ emoji: string; userIds: string[] }>;
  editedAt: string | null;
  deletedAt: string | null;
  createdAt: string;
  /** Present on a tombstone made by a moderator (a resolved report). */
  removedBy?: 'moderation';
  /** Present, for the viewer only, when the viewer blocked the sender: clients may hide or collapse it. */
  senderBlocked?: true;
}

/** The one message shape of REST responses, socket events and acks; decrypts on the way out. */
export function toMessageResponse(message: MessageRecord, cipher: FieldCipher): MessageResponse {
  const id = message._id.toHexString();
  const conversationId = message.conversationId.toHexString();
  return {
    id,
    clientMessageId: message.clientMessageId,
    conversationId,
    seq: message.seq,
    senderId: message.senderId.toHexString(),
    type: message.type,
    content: message.content === null ? null : cipher.open(message.content, conversationId, id, 'content'),
    attachments: message.attachments.map((file, index) => ({
      ...file,
      url: cipher.open(file.url, conversationId, id, `attachment:${index}`),
    })),
    replyTo: message.replyTo?.toHexString() ?? null,
    mentions: message.mentions,
    reactions: groupReactions(message.reactions),
    editedAt: message.editedAt?.toISOString() ?? null,
    deletedAt: message.deletedAt?.toISOString() ?? null,
    createdAt: message.createdAt.toISOString(),
    ...(message.removedBy ? { removedBy: message.removedBy } : {}),
  };
}

function groupReactions(reactions: Message['reactions']): MessageResponse['reactions'] {
  const byEmoji = new Map<string, string[]>();
  for (const { emoji, userId } of reactions) {
    byEmoji.set(emoji, [...(byEmoji.get(emoji) ?? []), userId]);
  }
  return [...byEmoji].map(([emoji, userIds]) => ({ emoji, userIds }));
}
