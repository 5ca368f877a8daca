import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ConversationsService } from '../conversations/conversations.service';
import { MessagesService } from '../messages/messages.service';
import { BlocksService } from '../users/blocks/blocks.service';
import { KeyedEntry, EntryMerge } from './query/entry-merge';
import { collectHits } from './query/hit-page';
import { confirmHit, HitRules } from './query/hit-confirmation';
import { PostingSources } from './query/posting-sources';
import { encodeSearchCursor, entryRange } from './query/search-range';
import { SearchHit, SearchMessagesQuery, SearchMessagesResponse } from './search.dto';
import { HAS_TOKENS, parseEntry, senderToken } from './text/message-tokens';
import { QueryClause, parseSearchQuery } from './text/search-query';

/** Candidates examined per request at most; past them the page ends early and its cursor continues. */
export const MAX_CANDIDATES = 500;

type UnplacedHit = Omit<SearchHit, 'conversation'>;

/**
 * Message search over the blind index: the query's tokens (and the filters' pseudo tokens) are looked up per
 * conversation of the caller, intersected and merged newest first, and each candidate is read by `_id`,
 * decrypted and confirmed before it is shown. Its cost follows the postings read and the candidates
 * examined, not the number of messages stored.
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly messages: MessagesService,
    private readonly blocks: BlocksService,
    private readonly sources: PostingSources,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async searchMessages(userId: string, query: SearchMessagesQuery): Promise<SearchMessagesResponse> {
    const parsed = parseSearchQuery(query.q, {
      maxChars: this.config.search.maxQueryChars,
      maxTerms: this.config.search.maxTerms,
      prefix: query.prefix,
    });
    const range = entryRange(query);
    const [scope, { blocked }] = await Promise.all([
      this.scope(userId, query.conversationId),
      this.blocks.relationsOf(userId),
    ]);
    const tokens = [
      ...parsed.requiredTokens,
      ...(query.from ? [senderToken(query.from)] : []),
      ...(query.has ? [HAS_TOKENS[query.has]] : []),
    ];
    const candidates = new EntryMerge(await this.sources.of(scope, tokens, range.floor), range.ceiling);
    const page = await collectHits(
      candidates,
      (batch) => this.confirm(batch, parsed.clauses, { blocked, from: query.from }),
      { limit: query.limit, maxCandidates: MAX_CANDIDATES },
    );
    const briefs = await this.conversations.briefsOf([
      ...new Set(page.hits.map((hit) => hit.message.conversationId)),
    ]);
    return {
      items: page.hits.flatMap((hit) => {
        const conversation = briefs.get(hit.message.conversationId);
        return conversation ? [{ ...hit, conversation }] : [];
      }),
      nextCursor: page.next === null ? null : encodeSearchCursor(page.next),
    };
  }

  /**
   * The conversations searched: the caller's, from their memberships now (never from the request), or the
   * one asked for if they are in it; one they are not in is searched as an empty scope, revealing nothing.
   */
  private async scope(userId: string, conversationId: string | undefined): Promise<string[]> {
    const mine = await this.conversations.conversationIdsOf(userId);
    if (conversationId === undefined) {
      return mine;
    }
    return mine.includes(conversationId) ? [conversationId] : [];
  }

  private async confirm(
    batch: ReadonlyArray<KeyedEntry<string>>,
    clauses: readonly QueryClause[],
    rules: HitRules,
  ): Promise<Array<UnplacedHit | null>> {
    const ids = batch.map(({ entry }) => parseEntry(entry)?.messageId);
    const found = await this.messages.byIds(ids.filter((id) => id !== undefined));
    const byId = new Map(found.flatMap((message) => (message ? [[message.id, message] as const] : [])));
    return batch.map(({ key }, index) => {
      const message = byId.get(ids[index] ?? '') ?? null;
      const highlights = confirmHit(message, key, clauses, rules);
      return message && highlights ? { message, highlights } : null;
    });
  }
}
