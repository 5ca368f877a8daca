import { Injectable } from '@nestjs/common';
import { FieldCipher } from '../common/crypto/field-cipher';
import { indexedTextOf } from './indexed-text';
import { IndexedText } from './messages.events';
import { MessagesRepository } from './messages.repository';

/** A stored message as search indexes it; `text` is null when it has none (a tombstone, a call entry). */
export interface StoredMessageText {
  messageId: string;
  seq: number;
  senderId: string;
  createdAt: Date;
  text: IndexedText | null;
}

/** Messages' searchable text read back from the store, decrypted, for search's re-index. */
@Injectable()
export class MessageTextsService {
  constructor(
    private readonly repository: MessagesRepository,
    private readonly cipher: FieldCipher,
  ) {}

  /** The conversation's messages after `afterSeq`, in seq order; an empty page ends the conversation. */
  async pageAfter(conversationId: string, afterSeq: number, limit: number): Promise<StoredMessageText[]> {
    const rows = await this.repository.pageAfter(conversationId, afterSeq, limit);
    return rows.map((row) => ({
      messageId: row._id.toHexString(),
      seq: row.seq,
      senderId: row.senderId.toHexString(),
      createdAt: row.createdAt,
      text: indexedTextOf(row, this.cipher),
    }));
  }
}
