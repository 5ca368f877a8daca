import { useId, useMemo } from 'react';
import type { ConversationResponse } from '../../api/types';
import { conversationTitle } from '../../chat/conversation-list';
import { HAS_FILTERS, HAS_LABELS, type HasFilter, type SearchForm } from './search-params';

/**
 * Where, from whom, with what and when: each change applies at once. "From" offers the members of the chosen
 * conversation, or of every conversation when searching them all.
 */
export function SearchFilters({
  form,
  onChange,
  conversations,
  myUserId,
}: {
  form: SearchForm;
  onChange: (change: Partial<SearchForm>) => void;
  conversations: readonly ConversationResponse[];
  myUserId: string;
}) {
  const id = useId();
  const people = useMemo(
    () => peopleOf(conversations, form.conversation, myUserId),
    [conversations, form.conversation, myUserId],
  );
  const field = (name: string) => `${id}-${name}`;
  return (
    <fieldset className="search-filters">
      <legend className="visually-hidden">Filters</legend>
      <span className="search-filter">
        <label htmlFor={field('in')}>In</label>
        <select
          id={field('in')}
          value={form.conversation}
          onChange={(event) => {
            const conversation = event.target.value;
            // A sender who is not in the newly chosen conversation would only empty the results.
            const keepsSender = peopleOf(conversations, conversation, myUserId).some(
              (person) => person.id === form.from,
            );
            onChange({ conversation, ...(keepsSender ? {} : { from: '' }) });
          }}
        >
          <option value="">All conversations</option>
          {conversations.map((conversation) => (
            <option key={conversation.id} value={conversation.id}>
              {conversationTitle(conversation, myUserId)}
            </option>
          ))}
        </select>
      </span>
      <span className="search-filter">
        <label htmlFor={field('from')}>From</label>
        <select
          id={field('from')}
          value={form.from}
          onChange={(event) => onChange({ from: event.target.value })}
        >
          <option value="">Anyone</option>
          {people.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name}
            </option>
          ))}
        </select>
      </span>
      <span className="search-filter">
        <label htmlFor={field('has')}>Has</label>
        <select
          id={field('has')}
          value={form.has}
          onChange={(event) => onChange({ has: event.target.value as HasFilter | '' })}
        >
          <option value="">Anything</option>
          {HAS_FILTERS.map((has) => (
            <option key={has} value={has}>
              {HAS_LABELS[has]}
            </option>
          ))}
        </select>
      </span>
      <span className="search-filter">
        <label htmlFor={field('after')}>Since</label>
        <input
          id={field('after')}
          type="date"
          value={form.after}
          max={form.before || undefined}
          onChange={(event) => onChange({ after: event.target.value })}
        />
      </span>
      <span className="search-filter">
        <label htmlFor={field('before')}>Until</label>
        <input
          id={field('before')}
          type="date"
          value={form.before}
          min={form.after || undefined}
          onChange={(event) => onChange({ before: event.target.value })}
        />
      </span>
    </fieldset>
  );
}

/** The people of one conversation (or of all), each once, "You" first, then by name. */
function peopleOf(
  conversations: readonly ConversationResponse[],
  conversationId: string,
  myUserId: string,
): Array<{ id: string; name: string }> {
  const names = new Map<string, string>();
  for (const conversation of conversations) {
    if (conversationId && conversation.id !== conversationId) {
      continue;
    }
    for (const member of conversation.members) {
      if (member.userId !== myUserId) {
        names.set(member.userId, member.displayName);
      }
    }
  }
  const others = [...names].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  return [{ id: myUserId, name: 'You' }, ...others];
}
