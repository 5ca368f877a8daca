import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import pMap from 'p-map';
import { BackgroundWork } from '../../common/lifecycle/background-work';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { SearchKeyring } from '../blind-index/search-keyring';
import { PostingChanges } from './posting-changes';
import { PostingsWriter } from './postings-writer';
import { TokenDiff } from './token-diff';

/**
 * (token, entry) pairs kept pending at most, about 100 bytes each. Past it (the store down for long), new
 * changes are dropped and counted in the log: the re-index job puts them back.
 */
const MAX_PENDING_PAIRS = 200_000;
/** Conversations written at once by a flush (each under its own lock). */
const CONCURRENT_WRITES = 4;

/**
 * Writes postings off the send path: changes pile up per conversation and posting, and every
 * SEARCH_INDEX_FLUSH_MS one flush writes each conversation's under its lock (one write per posting touched,
 * however many messages touched it). A conversation whose write fails keeps its changes for the next
 * flush; shutdown flushes what is pending. A crash loses at most one flush's changes (docs/search.md).
 */
@Injectable()
export class SearchIndexer implements BeforeApplicationShutdown {
  private readonly logger = new Logger(SearchIndexer.name);
  private pending = new Map<string, PostingChanges>();
  private pendingPairs = 0;
  private dropped = 0;
  private timer: NodeJS.Timeout | undefined;
  /** The last flush started; flushes run one after the other, so changes are written in order. */
  private flushing: Promise<void> = Promise.resolve();
  private closing = false;

  constructor(
    private readonly keyring: SearchKeyring,
    private readonly writer: PostingsWriter,
    private readonly background: BackgroundWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Queues a message's token changes: additions under the write key, removals under every key (a re-index
   * under a new key may not have reached the message yet). Never throws.
   */
  record(conversationId: string, entry: string, diff: TokenDiff): void {
    if (diff.added.length + diff.removed.length === 0) {
      return;
    }
    if (this.pendingPairs >= MAX_PENDING_PAIRS) {
      this.dropped += 1;
      return;
    }
    let changes = this.pending.get(conversationId);
    if (!changes) {
      changes = new PostingChanges();
      this.pending.set(conversationId, changes);
    }
    const before = changes.size;
    for (const token of diff.removed) {
      for (const blind of this.keyring.blindAll(conversationId, token)) {
        changes.set(blind, entry, false);
      }
    }
    for (const token of diff.added) {
      changes.set(this.keyring.blind(conversationId, token), entry, true);
    }
    this.pendingPairs += changes.size - before;
    this.schedule();
  }

  /** Writes every change recorded so far (after the flush under way, if any). Never throws. */
  flush(): Promise<void> {
    this.flushing = this.flushing
      .then(() => this.writePending())
      .catch((error: unknown) => this.logger.error(`Search index flush failed: ${(error as Error).message}`));
    return this.flushing;
  }

  /** Sockets and HTTP still close after this: a change they make then is written at once (see schedule). */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private schedule(): void {
    if (this.closing) {
      void this.background.track(this.flush());
      return;
    }
    if (this.timer === undefined && this.pending.size > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.background.track(this.flush());
      }, this.config.search.indexFlushMs);
    }
  }

  private async writePending(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    this.pendingPairs = 0;
    await pMap(batch, (next) => this.write(...next), { concurrency: CONCURRENT_WRITES });
    if (this.dropped > 0) {
      this.logger.error(
        `Search index: ${this.dropped} message changes dropped (too many pending); run search:reindex`,
      );
      this.dropped = 0;
    }
    if (!this.closing) {
      this.schedule();
    }
  }

  private async write(conversationId: string, changes: PostingChanges): Promise<void> {
    try {
      await this.writer.write(conversationId, {
        removals: changes.removals(),
        additions: changes.additions(),
      });
    } catch (error) {
      this.retain(conversationId, changes, (error as Error).message);
    }
  }

  /** A failed write's changes wait for the next flush, under any made since (bounded; lost at shutdown). */
  private retain(conversationId: string, changes: PostingChanges, reason: string): void {
    if (this.closing || this.pendingPairs + changes.size > MAX_PENDING_PAIRS) {
      this.logger.error(
        `Search index: ${changes.size} postings changes of conversation ${conversationId} lost (${reason}); ` +
          'run search:reindex',
      );
      return;
    }
    this.logger.warn(`Search index write of conversation ${conversationId} failed, retrying: ${reason}`);
    const newer = this.pending.get(conversationId);
    if (newer) {
      const before = newer.size;
      newer.absorbOlder(changes);
      this.pendingPairs += newer.size - before;
    } else {
      this.pending.set(conversationId, changes);
      this.pendingPairs += changes.size;
    }
  }
}
