import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { PublicProfile } from '../../api/types';
import { errorMessage } from '../../api/api-error';
import { useSignedIn } from '../../auth/auth-context';
import { queryKeys } from '../../app/query-keys';
import { useDebounced } from '../../ui/use-debounced';
import { Avatar } from './Avatar';

/** Search people by name (or a whole email address); each result is a button that picks that person. */
export function UserSearch({
  onPick,
  exclude = [],
  actionLabel,
  autoFocus,
}: {
  onPick: (user: PublicProfile) => void;
  exclude?: readonly string[];
  actionLabel: (user: PublicProfile) => string;
  autoFocus?: boolean;
}) {
  const { http } = useSignedIn();
  const id = useId();
  const [text, setText] = useState('');
  const query = useDebounced(text.trim(), 250);
  const results = useQuery({
    queryKey: queryKeys.userSearch(query),
    enabled: query.length > 0,
    queryFn: async () => (await http.get<{ users: PublicProfile[] }>('/users/search', { q: query })).users,
  });
  const users = (results.data ?? []).filter((user) => !exclude.includes(user.id));
  return (
    <div className="user-search">
      <label htmlFor={id}>Search people</label>
      <input
        id={id}
        type="search"
        value={text}
        autoFocus={autoFocus}
        autoComplete="off"
        placeholder="Name or email address"
        onChange={(event) => setText(event.target.value)}
      />
      <p className="visually-hidden" role="status">
        {query && results.isSuccess ? `${users.length} people found` : ''}
      </p>
      {results.isError ? <p className="form-error">{errorMessage(results.error)}</p> : null}
      {query && results.isSuccess && users.length === 0 ? <p className="muted">Nobody found.</p> : null}
      <ul className="user-results">
        {users.map((user) => (
          <li key={user.id}>
            <button type="button" onClick={() => onPick(user)} aria-label={actionLabel(user)}>
              <Avatar id={user.id} name={user.displayName} url={user.avatarUrl} />
              <span>{user.displayName}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
