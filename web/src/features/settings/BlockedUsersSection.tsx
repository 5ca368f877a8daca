import { errorMessage } from '../../api/api-error';
import { useBlocks, useSetBlocked } from './blocks';
import { Outcome, Section } from './Section';

export function BlockedUsersSection() {
  const blocks = useBlocks();
  const setBlocked = useSetBlocked();
  const list = blocks.data ?? [];
  return (
    <Section title="Blocked people">
      {blocks.isSuccess && list.length === 0 ? <p className="muted">You have not blocked anyone.</p> : null}
      <ul className="settings-list">
        {list.map(({ user, blockedAt }) => (
          <li key={user.id}>
            <span>
              <strong>{user.displayName}</strong>
              <small className="muted">Blocked {new Date(blockedAt).toLocaleDateString()}</small>
            </span>
            <button
              type="button"
              disabled={setBlocked.isPending}
              onClick={() => setBlocked.mutate({ userId: user.id, blocked: false })}
            >
              Unblock<span className="visually-hidden"> {user.displayName}</span>
            </button>
          </li>
        ))}
      </ul>
      <Outcome
        error={
          setBlocked.isError
            ? errorMessage(setBlocked.error)
            : blocks.isError
              ? errorMessage(blocks.error)
              : null
        }
      />
    </Section>
  );
}
