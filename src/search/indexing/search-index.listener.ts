import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { MessagesDomainEvent, MessageTextChangedEvent } from '../../messages/messages.events';
import { entryOf } from '../text/message-tokens';
import { SearchIndexer } from './search-indexer';
import { tokenDiff } from './token-diff';

/** Turns messages' text changes into postings changes for the indexer. */
@Injectable()
export class SearchIndexListener {
  private readonly logger = new Logger(SearchIndexListener.name);

  constructor(private readonly indexer: SearchIndexer) {}

  /**
   * `async`: run on a later turn of the event loop, so tokenising (and hashing) a long text costs the send
   * nothing; a failure is logged (without the text), never thrown into the emitter.
   */
  @OnEvent(MessagesDomainEvent.TextChanged, { async: true })
  textChanged(event: MessageTextChangedEvent): void {
    try {
      this.indexer.record(event.conversationId, entryOf(event), tokenDiff(event));
    } catch (error) {
      this.logger.error(
        `Search index change of message ${event.messageId} dropped: ${(error as Error).message}`,
      );
    }
  }
}
