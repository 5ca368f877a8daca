import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { FieldCipher } from '../common/crypto/field-cipher';
import { MediaUrls } from '../common/media/media-urls';
import { ChangeClock } from './change-clock';
import { indexedTextOf, textChangedOf } from './indexed-text';
import { MessageResponse, toMessageResponse } from './message.response';
import { MessagesDomainEvent } from './messages.events';
import { MessagesRepository } from './messages.repository';

/** What account deletion does to the user's messages (`ACCOUNT_DELETION_MESSAGES`, docs/privacy.md). */
export type DeletedAccountMessages = 'tombstone' | 'erase';

const BATCH = 500;

/**
 * A user's own messages as a whole: read back decrypted for their data export, and erased when their account
 * is deleted. Each erasure is a change (a new change position), so other members' /sync picks it up.
 */
@Injectable()
export class AccountMessagesService {
  constructor(
    private readonly repository: MessagesRepository,
    private readonly cipher: FieldCipher,
    private readonly urls: MediaUrls,
    private readonly clock: ChangeClock,
    private readonly events: EventEmitter2,
  ) {}

  /** The user's messages after `afterId` (oldest first), decrypted; an empty page ends the list. */
  async ownPage(userId: string, afterId: string | undefined, limit = BATCH): Promise<MessageResponse[]> {
    const rows = await this.repository.bySender(userId, afterId, limit);
    return rows.map((row) => toMessageResponse(row, { cipher: this.cipher, urls: this.urls }));
  }

  /**
   * Tombstone: every message of the user keeps its seq and sender but loses its content, attachments and
   * mentions (deleted now unless deleted before). Erase: also the reactions on them, and the user's reactions
   * on everyone's messages in `conversationIds` (the user's). Safe to repeat: a message already in that state
   * is left alone.
   */
  async eraseOf(
    userId: string,
    mode: DeletedAccountMessages,
    conversationIds: readonly string[],
  ): Promise<void> {
    let after: string | undefined;
    for (;;) {
      const rows = await this.repository.bySender(userId, after, BATCH);
      if (rows.length === 0) {
        break;
      }
      for (const row of rows) {
        const clearReactions = mode === 'erase' && row.reactions.length > 0;
        if (row.deletedAt === null || row.content !== null || row.attachments.length > 0 || clearReactions) {
          await this.repository.change(row._id.toHexString(), {}, this.clock.next(), {
            $set: {
              content: null,
              attachments: [],
              mentions: [],
              deletedAt: row.deletedAt ?? new Date(),
              ...(mode === 'erase' ? { reactions: [] } : {}),
            },
          });
          const before = indexedTextOf(row, this.cipher);
          if (before) {
            // Search forgets its text, as for any tombstone.
            this.events.emit(MessagesDomainEvent.TextChanged, textChangedOf(row, before, null));
          }
        }
      }
      after = rows[rows.length - 1]._id.toHexString();
    }
    if (mode === 'erase') {
      for (const conversationId of conversationIds) {
        await this.removeReactionsOf(userId, conversationId);
      }
    }
  }

  private async removeReactionsOf(userId: string, conversationId: string): Promise<void> {
    let afterSeq = 0;
    for (;;) {
      const rows = await this.repository.reactionsPage(conversationId, afterSeq, BATCH);
      if (rows.length === 0) {
        return;
      }
      for (const row of rows) {
        // One exact pull per reaction, as stored: FerretDB v1's $pull matches whole documents only.
        for (const reaction of row.reactions.filter((r) => r.userId === userId)) {
          await this.repository.removeReaction(row._id.toHexString(), reaction, this.clock.next());
        }
      }
      afterSeq = rows[rows.length - 1].seq;
    }
  }
}
