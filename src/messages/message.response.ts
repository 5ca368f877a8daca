import { Types } from 'mongoose';
import type { LastMessage } from '../conversations/conversation.schema';
import type { AttachmentResponse, MessageResponse } from '../realtime/server-events';
import { Message } from './message.schema';
import { FieldCipher } from '../common/crypto/field-cipher';

export type MessageRecord = Message & { _id: Types.ObjectId };

// The wire shapes live with the socket payloads (realtime/server-events.ts); the mapper stays here.
export type { AttachmentResponse, MessageResponse };

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
    ...(message.call ? { call: message.call } : {}),
  };
}

function groupReactions(reactions: Message['reactions']): MessageResponse['reactions'] {
  const byEmoji = new Map<string, string[]>();
  for (const { emoji, userId } of reactions) {
    byEmoji.set(emoji, [...(byEmoji.get(emoji) ?? []), userId]);
  }
  return [...byEmoji].map(([emoji, userIds]) => ({ emoji, userIds }));
}

/** What the conversation records of its newest message (`preview`: the content's ciphertext, or empty). */
export function lastMessageOf(record: MessageRecord): LastMessage {
  return {
    id: record._id.toHexString(),
    seq: record.seq,
    senderId: record.senderId.toHexString(),
    type: record.type,
    preview: record.content ?? '',
    createdAt: record.createdAt,
  };
}
