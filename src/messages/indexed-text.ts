import { FieldCipher } from '../common/crypto/field-cipher';
import type { MediaKind } from '../common/media/media-asset';
import { MessageRecord } from './message.response';
import { isReferenced, StoredAttachment } from './message.schema';
import { IndexedText, MessageTextChangedEvent } from './messages.events';

/**
 * A stored message's searchable text, decrypted; null when it has none (a tombstone, a call entry). A value
 * that does not decrypt is left out: nothing of it can be indexed, nor removed again (see docs/search.md).
 */
export function indexedTextOf(record: MessageRecord, cipher: FieldCipher): IndexedText | null {
  if (record.deletedAt !== null || (record.content === null && record.attachments.length === 0)) {
    return null;
  }
  const conversationId = record.conversationId.toHexString();
  const id = record._id.toHexString();
  const attachments = record.attachments.flatMap((file, index) => {
    // A legacy attachment's name is stored as sent; only its URL is sealed.
    const name = isReferenced(file)
      ? cipher.open(file.name, conversationId, id, `attachment:${index}:name`)
      : file.name;
    return name === null ? [] : [{ name, kind: kindOf(file) }];
  });
  return {
    content: record.content === null ? null : cipher.open(record.content, conversationId, id, 'content'),
    attachments,
  };
}

/** The `TextChanged` event of a message whose text went from `before` to `after`. */
export function textChangedOf(
  record: MessageRecord,
  before: IndexedText | null,
  after: IndexedText | null,
): MessageTextChangedEvent {
  return {
    conversationId: record.conversationId.toHexString(),
    messageId: record._id.toHexString(),
    senderId: record.senderId.toHexString(),
    createdAt: record.createdAt,
    before,
    after,
  };
}

/** A legacy attachment (sent as a URL) has no kind: its MIME type's family stands for it. */
function kindOf(file: StoredAttachment): MediaKind {
  if (isReferenced(file)) {
    return file.kind;
  }
  const family = file.mimeType.split('/')[0];
  return family === 'image' || family === 'video' || family === 'audio' ? family : 'file';
}
