import { type FormEvent, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useSignedIn } from '../../auth/auth-context';
import { conversationTitle } from '../../chat/conversation-list';
import { useConversations } from '../../chat/hooks';
import { FormError } from '../../ui/FormError';
import type { SearchHit } from '../../api/types';
import { useMessageSearch } from './search-api';
import { searchErrorText } from './search-errors';
import {
  formFromParams,
  formProblem,
  hasQuery,
  MAX_QUERY_CHARS,
  paramsFromForm,
  type SearchForm,
} from './search-params';
import { SearchFilters } from './SearchFilters';
import { SearchResult } from './SearchResult';
import { SEARCH_BOX_ID } from './use-search-shortcut';
import './search.css';

/**
 * Message search (`/search`, in the chat's main pane): the query and filters live in the URL, so "Back" from
 * a hit returns to the same results; newest first, 20 at a time with "Load more".
 */
export function SearchPage() {
  const { user } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const form = useMemo(() => formFromParams(params), [params]);
  const conversations = useConversations();
  const problem = formProblem(form);
  const ready = hasQuery(form) && problem === null;
  const results = useMessageSearch(form, ready);

  const change = (next: Partial<SearchForm>) =>
    setParams(paramsFromForm({ ...form, ...next }), { replace: true });

  function search(text: string) {
    if (text.trim() === form.q.trim() && ready) {
      void results.refetch();
    } else {
      change({ q: text.trim() });
    }
  }

  const list = conversations.data ?? [];
  const byId = new Map(list.map((conversation) => [conversation.id, conversation]));
  const placeOf = (hit: SearchHit) => {
    const conversation = byId.get(hit.conversation.id);
    return conversation
      ? conversationTitle(conversation, user.id)
      : (hit.conversation.title ?? 'Direct chat');
  };
  const nameIn = (conversationId: string) => (userId: string) =>
    userId === user.id
      ? 'You'
      : (byId.get(conversationId)?.members.find((member) => member.userId === userId)?.displayName ??
        'Unknown member');
  const hits = uniqueHits(results.data?.pages.flatMap((page) => page.items) ?? []);

  return (
    <section className="search-page" aria-labelledby="search-title">
      <header className="notification-center-header">
        <Link to="/" className="back-link icon-button" aria-label="Back to conversations">
          <span aria-hidden="true">←</span>
        </Link>
        <h2 id="search-title">Search messages</h2>
      </header>
      <div className="search-form" role="search" aria-label="Messages">
        {/* Keyed by the URL's query: the box starts again from it when it changes elsewhere ("Back"). */}
        <QueryBox key={form.q} initial={form.q} onSearch={search} />
        <SearchFilters form={form} onChange={change} conversations={list} myUserId={user.id} />
      </div>
      <div className="search-scroller">
        <FormError error={problem} />
        {!hasQuery(form) ? (
          <p className="pad muted">
            Search your conversations. Words match whole words; use "quotes" for a phrase and word* for words
            starting with it. Press Ctrl+K or / anywhere to come here.
          </p>
        ) : null}
        {ready && results.isPending ? (
          <p className="pad muted" aria-busy="true">
            Searching…
          </p>
        ) : null}
        {results.isError ? <FormError error={searchErrorText(results.error)} /> : null}
        <p className="visually-hidden" role="status">
          {ready && results.isSuccess ? resultCount(hits.length, results.hasNextPage) : ''}
        </p>
        {ready && results.isSuccess && hits.length === 0 ? (
          <p className="pad muted">
            No messages match this search.
            {form.conversation || form.from || form.has || form.after || form.before
              ? ' Try fewer filters.'
              : ''}
          </p>
        ) : null}
        {ready && hits.length > 0 ? (
          <ol className="search-results" aria-label="Search results">
            {hits.map((hit) => (
              <SearchResult
                key={hit.message.id}
                hit={hit}
                place={placeOf(hit)}
                senderName={nameIn(hit.conversation.id)(hit.message.senderId)}
                nameOf={nameIn(hit.conversation.id)}
              />
            ))}
          </ol>
        ) : null}
        {ready && results.hasNextPage ? (
          <p className="load-more">
            <button
              type="button"
              onClick={() => void results.fetchNextPage()}
              disabled={results.isFetchingNextPage}
            >
              {results.isFetchingNextPage ? 'Loading…' : 'Load more'}
            </button>
          </p>
        ) : null}
      </div>
    </section>
  );
}

/** The query box: what is typed is searched on Enter or "Search", not on every key. */
function QueryBox({ initial, onSearch }: { initial: string; onSearch: (text: string) => void }) {
  const [text, setText] = useState(initial);
  function submit(event: FormEvent) {
    event.preventDefault();
    onSearch(text);
  }
  return (
    <form className="search-box" onSubmit={submit}>
      <label htmlFor={SEARCH_BOX_ID} className="visually-hidden">
        Search for
      </label>
      <input
        id={SEARCH_BOX_ID}
        type="search"
        value={text}
        maxLength={MAX_QUERY_CHARS}
        autoComplete="off"
        autoFocus
        placeholder='Words, "a phrase", or the start of a word*'
        onChange={(event) => setText(event.target.value)}
      />
      <button type="submit" className="primary">
        Search
      </button>
    </form>
  );
}

/** Each message once, should a page repeat one the previous page ended with. */
function uniqueHits(hits: readonly SearchHit[]): SearchHit[] {
  const seen = new Set<string>();
  return hits.filter((hit) => !seen.has(hit.message.id) && seen.add(hit.message.id));
}

function resultCount(count: number, more: boolean): string {
  if (count === 0) {
    return 'No results';
  }
  return `${count}${more ? ' or more' : ''} ${count === 1 ? 'result' : 'results'}`;
}
