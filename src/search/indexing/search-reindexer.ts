import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { ConversationsService } from '../../conversations/conversations.service';
import { MessageTextsService, StoredMessageText } from '../../messages/message-texts.service';
import { SearchKeyring } from '../blind-index/search-keyring';
import { PostingsRepository } from '../postings/postings.repository';
import { entryOf, messageTokens } from '../text/message-tokens';
import { PostingsWriter } from './postings-writer';
import { SearchIndexStateRepository } from './search-index-state.repository';
import { ReindexProgress, SearchIndexState } from './search-index-state.schema';

/** Messages read, indexed and recorded as progress at a time. */
const MESSAGE_PAGE = 200;
const CONVERSATION_PAGE = 100;
const LOG_EVERY_MS = 10_000;
/** How long shutdown waits for the page being indexed before the job moves back to the queue. */
const STOP_WAIT_MS = 10_000;

export type ReindexOutcome = 'completed' | 'stopped' | 'up-to-date';

/** A build starting now under `keyId`. */
export function freshProgress(keyId: string, startedAt = new Date()): ReindexProgress {
  return {
    keyId,
    conversationId: null,
    seq: 0,
    conversations: 0,
    messages: 0,
    estimatedConversations: 0,
    startedAt,
  };
}

/** Whether the messages need a build under `keyId`: none completed under it, or one was (re)started. */
export function needsBuild(state: SearchIndexState | null, keyId: string): boolean {
  return state?.completed?.keyId !== keyId || state.progress?.keyId === keyId;
}

/**
 * The re-index: walks conversations by id and each one's messages by seq, indexes them under the write key
 * (additions only, idempotent: live indexing may run alongside), and records its progress after every page,
 * so a retry or a restart resumes there. When done it deletes the postings of every other key (older keys,
 * keys no longer configured) and records the build as completed under the write key.
 */
@Injectable()
export class SearchReindexer implements BeforeApplicationShutdown {
  private readonly logger = new Logger('SearchReindex');
  private stopping = false;
  private running: Promise<ReindexOutcome> | null = null;
  private loggedAt = 0;

  constructor(
    private readonly conversations: ConversationsService,
    private readonly texts: MessageTextsService,
    private readonly keyring: SearchKeyring,
    private readonly postings: PostingsRepository,
    private readonly writer: PostingsWriter,
    private readonly state: SearchIndexStateRepository,
  ) {}

  /** `stopped`: shutdown began; the progress is saved, and the job should go back to the queue. */
  async run(): Promise<ReindexOutcome> {
    this.running = this.build();
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  /** Stops the build after its current page (bounded: a hung store must not hold shutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((done) => (timer = setTimeout(done, STOP_WAIT_MS)));
    await Promise.race([this.running?.catch(() => undefined), timeout]);
    clearTimeout(timer);
  }

  private async build(): Promise<ReindexOutcome> {
    const keyId = this.keyring.writeKeyId;
    await this.state.registerKey(keyId);
    const state = await this.state.get();
    if (!needsBuild(state, keyId)) {
      return 'up-to-date';
    }
    let progress: ReindexProgress = {
      ...(state?.progress?.keyId === keyId ? state.progress : freshProgress(keyId)),
      estimatedConversations: await this.conversations.estimatedCount(),
    };
    this.logger.log(
      progress.conversationId
        ? `Search re-index under key ${keyId} resumes at conversation ${progress.conversationId}, seq ${progress.seq}`
        : `Search re-index under key ${keyId} starts (about ${progress.estimatedConversations} conversations)`,
    );
    for await (const conversationId of this.conversationsFrom(progress.conversationId)) {
      if (conversationId !== progress.conversationId) {
        progress = { ...progress, conversationId, seq: 0, conversations: progress.conversations + 1 };
      }
      const indexed = await this.indexConversation(progress);
      if (!indexed) {
        return 'stopped';
      }
      progress = indexed;
    }
    await this.retireOtherKeys(keyId);
    await this.state.complete(keyId, new Date());
    this.logger.log(`${describe(progress, true)}; completed under key ${keyId}`);
    return 'completed';
  }

  /** The conversation's messages after the progress's seq, a page at a time; null when stopped. */
  private async indexConversation(start: ReindexProgress): Promise<ReindexProgress | null> {
    const conversationId = start.conversationId as string;
    let progress = start;
    for (;;) {
      if (this.stopping) {
        return null;
      }
      const page = await this.texts.pageAfter(conversationId, progress.seq, MESSAGE_PAGE);
      if (page.length === 0) {
        return progress;
      }
      await this.writer.write(conversationId, { additions: this.additionsOf(conversationId, page) });
      progress = { ...progress, seq: page[page.length - 1].seq, messages: progress.messages + page.length };
      await this.state.saveProgress(progress);
      if (Date.now() - this.loggedAt >= LOG_EVERY_MS) {
        this.loggedAt = Date.now();
        this.logger.log(describe(progress));
      }
    }
  }

  private additionsOf(conversationId: string, page: readonly StoredMessageText[]): Map<string, string[]> {
    const additions = new Map<string, string[]>();
    for (const message of page) {
      if (!message.text) {
        continue;
      }
      const entry = entryOf(message);
      for (const token of messageTokens({ conversationId, ...message, ...message.text })) {
        const blind = this.keyring.blind(conversationId, token);
        const entries = additions.get(blind);
        if (entries) {
          entries.push(entry);
        } else {
          additions.set(blind, [entry]);
        }
      }
    }
    return additions;
  }

  /** Conversation ids from `first` (included) on, in id order, read a page at a time. */
  private async *conversationsFrom(first: string | null): AsyncGenerator<string> {
    if (first) {
      yield first;
    }
    let after = first;
    for (;;) {
      const page = await this.conversations.allIdsAfter(after, CONVERSATION_PAGE);
      yield* page;
      if (page.length < CONVERSATION_PAGE) {
        return;
      }
      after = page[page.length - 1];
    }
  }

  /** Every message is indexed under `keyId` now: other keys' postings only cost reads (or linger unused). */
  private async retireOtherKeys(keyId: string): Promise<void> {
    const others = new Set([...(await this.state.keyIds()), ...this.keyring.keyIds]);
    others.delete(keyId);
    for (const other of others) {
      const deleted = await this.postings.deleteKey(other);
      this.logger.log(`Search re-index: deleted ${deleted} postings of key ${other}`);
    }
  }
}

/** `Search re-index: n conversations, m messages, x%` (x: conversations reached of the estimate). */
export function describe(progress: ReindexProgress, completed = false): string {
  const reached = progress.conversations / Math.max(progress.estimatedConversations, 1);
  const percent = completed ? 100 : Math.min(99, Math.floor(reached * 100));
  return `Search re-index: ${progress.conversations} conversations, ${progress.messages} messages, ${percent}%`;
}
