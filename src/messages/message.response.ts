import { Types } from 'mongoose';
import type { LastMessage } from '../conversations/conversation.schema';
import type { AttachmentResponse, MessageResponse } from '../realtime/server-events';
import { isReferenced, Message, StoredAttachment } from './message.schema';
import { FieldCipher } from '../common/crypto/field-cipher';
import { MediaUrls } from '../common/media/media-urls';

export type MessageRecord = Message & { _id: Types.ObjectId };

// The wire shapes live with the socket payloads (realtime/server-events.ts); the mapper stays here.
export type { AttachmentResponse, MessageResponse };

/** What a message response needs besides the record: the cipher of its fields, the signer of media URLs. */
export interface MessageReaders {
  cipher: FieldCipher;
  urls: MediaUrls;
}

/**
 * The one message shape of REST responses, socket events and acks; decrypts on the way out and signs the
 * attachments' URLs afresh (members only: every caller answers a member, a moderator or the account owner).
 */
export function toMessageResponse(message: MessageRecord, { cipher, urls }: MessageReaders): MessageResponse {
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
    attachments: message.attachments.map((file, index) =>
      toAttachmentResponse(
        file,
        (value, field) => cipher.open(value, conversationId, id, `attachment:${index}${field}`),
        urls,
      ),
    ),
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

/** `open(value, suffix)`: decrypts a field of this attachment (`` for a legacy URL, `:name` for a name). */
function toAttachmentResponse(
  file: StoredAttachment,
  open: (value: string, field: string) => string | null,
  urls: MediaUrls,
): AttachmentResponse {
  if (!isReferenced(file)) {
    return { ...file, url: open(file.url, '') };
  }
  const { publicId, resourceType, deliveryType, format, name, ...metadata } = file;
  const signed = urls.sign({ publicId, resourceType, deliveryType, format, kind: file.kind });
  return { ...metadata, name: open(name, ':name') ?? 'file', ...(signed ?? { url: null }) };
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
