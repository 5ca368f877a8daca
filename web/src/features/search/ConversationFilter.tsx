import { type KeyboardEvent, useId, useMemo, useState } from 'react';
import { useConversations } from '../../chat/hooks';
import { useDebounced } from '../../ui/use-debounced';
import { ConversationList, ConversationRows } from '../chat/ConversationList';
import { useConversationSearch } from './search-api';
import { searchErrorText } from './search-errors';
import { MAX_QUERY_CHARS } from './search-params';

/**
 * The sidebar's filter over the conversation list: typing asks the server (`GET /conversations?q=`, by title
 * and by members' names) as typing pauses; clearing it (or Escape) brings the whole list back at once.
 */
export function ConversationFilter({ activeId }: { activeId: string | null }) {
  const id = useId();
  const [text, setText] = useState('');
  const typed = text.trim();
  const q = useDebounced(typed, 250);

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Escape' && text) {
      event.preventDefault();
      setText('');
    } else if (event.key === 'ArrowDown') {
      // Into the rows, where the arrows go on moving.
      const first = event.currentTarget
        .closest('.sidebar')
        ?.querySelector<HTMLAnchorElement>('.conversation-list a.conversation-item');
      if (first) {
        event.preventDefault();
        first.focus();
      }
    }
  }

  return (
    <>
      <div className="conversation-filter" role="search" aria-label="Conversations">
        <label htmlFor={id} className="visually-hidden">
          Filter conversations
        </label>
        <input
          id={id}
          type="search"
          value={text}
          maxLength={MAX_QUERY_CHARS}
          autoComplete="off"
          placeholder="Filter conversations"
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
        />
      </div>
      {typed ? <FilteredConversations q={q} activeId={activeId} /> : <ConversationList activeId={activeId} />}
    </>
  );
}

function FilteredConversations({ q, activeId }: { q: string; activeId: string | null }) {
  const found = useConversationSearch(q);
  const live = useConversations();
  // Rows from the live list where it has them: their unread counts, previews and typing stay current.
  const rows = useMemo(
    () => (found.data ?? []).map((item) => live.data?.find((row) => row.id === item.id) ?? item),
    [found.data, live.data],
  );
  if (found.isError) {
    return (
      <p className="form-error pad" role="alert">
        {searchErrorText(found.error)}
      </p>
    );
  }
  if (!found.data) {
    return (
      <p className="muted pad" aria-busy="true">
        Searching…
      </p>
    );
  }
  return (
    <>
      <p className="visually-hidden" role="status">
        {found.isPlaceholderData ? '' : `${rows.length} conversations found`}
      </p>
      {rows.length === 0 ? (
        <p className="muted pad">No conversation matches “{q}”.</p>
      ) : (
        <ConversationRows conversations={rows} activeId={activeId} label="Matching conversations" />
      )}
    </>
  );
}
