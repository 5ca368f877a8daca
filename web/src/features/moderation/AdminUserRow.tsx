import type { AdminUserResponse } from '../../api/types';
import { useSignedIn } from '../../auth/auth-context';
import { useChangeUser } from './moderation-api';
import { moderationErrorText } from './moderation-errors';
import { ROLES, type RoleName, userActionsFor } from './moderation-rules';
import { FormError } from '../../ui/FormError';

/** An account as the users page shows it; moderators (who cannot list accounts) know only id and name. */
export type ManagedUser = Pick<AdminUserResponse, 'id' | 'displayName'> & Partial<AdminUserResponse>;

export function AdminUserRow({
  account,
  onSuspend,
  onNotice,
}: {
  account: ManagedUser;
  onSuspend: (user: ManagedUser) => void;
  onNotice: (text: string) => void;
}) {
  const { user } = useSignedIn();
  const change = useChangeUser();
  const allowed = userActionsFor(
    { id: user.id, role: user.role },
    {
      id: account.id,
      role: account.role,
      status: account.status,
    },
  );
  const run = (kind: Parameters<typeof change.mutate>[0]['change'], done: string) =>
    change.mutate({ userId: account.id, change: kind }, { onSuccess: () => onNotice(done) });

  return (
    <li className="card user-row">
      <div className="user-facts">
        <strong>{account.displayName}</strong>
        {account.email ? <span className="muted small">{account.email}</span> : null}
        {account.status ? (
          <span className={`pill ${account.status}`}>
            {account.status}
            {account.suspendedUntil ? ` until ${new Date(account.suspendedUntil).toLocaleString()}` : ''}
          </span>
        ) : null}
        {account.suspensionReason ? <span className="muted small">“{account.suspensionReason}”</span> : null}
      </div>
      <div className="user-actions">
        {allowed.changeRole && account.role ? (
          <label className="inline-field">
            <span>Role</span>
            <select
              value={account.role}
              disabled={change.isPending}
              aria-label={`Role of ${account.displayName}`}
              onChange={(event) =>
                run(
                  { kind: 'role', role: event.target.value as RoleName },
                  `${account.displayName} is now ${event.target.value}.`,
                )
              }
            >
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {role}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {allowed.suspend ? (
          <button type="button" className="danger-solid" onClick={() => onSuspend(account)}>
            Suspend
          </button>
        ) : null}
        {allowed.unsuspend ? (
          <button
            type="button"
            onClick={() => run({ kind: 'unsuspend' }, `${account.displayName}'s suspension is lifted.`)}
          >
            Lift suspension
          </button>
        ) : null}
        {allowed.disable ? (
          <button
            type="button"
            onClick={() => run({ kind: 'status', status: 'disabled' }, `${account.displayName} is disabled.`)}
          >
            Disable
          </button>
        ) : null}
        {allowed.enable ? (
          <button
            type="button"
            onClick={() => run({ kind: 'status', status: 'active' }, `${account.displayName} is enabled.`)}
          >
            Enable
          </button>
        ) : null}
      </div>
      <FormError error={change.isError ? moderationErrorText(change.error) : null} />
    </li>
  );
}
