import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { PublicProfile } from '../../api/types';
import { useSignedIn } from '../../auth/auth-context';
import { useAdminUsers } from './moderation-api';
import { moderationErrorText } from './moderation-errors';
import { isAdmin } from './moderation-rules';
import { AdminShell } from './AdminShell';
import { AdminUserRow, type ManagedUser } from './AdminUserRow';
import { SuspendDialog } from './SuspendDialog';

/**
 * Accounts: admins list them with role and standing (GET /admin/users); moderators, who may suspend members
 * but not list accounts, find them through the ordinary user search.
 */
export function AdminUsersPage() {
  const { user, http } = useSignedIn();
  const admin = isAdmin(user.role);
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const [suspending, setSuspending] = useState<ManagedUser | null>(null);
  const [notice, setNotice] = useState('');
  const adminList = useAdminUsers(q, admin);
  const search = useQuery({
    queryKey: ['user-search', q],
    queryFn: () => http.get<{ users: PublicProfile[] }>('/users/search', { q }),
    enabled: !admin && q.length > 0,
  });
  const list = admin ? adminList : search;
  const accounts: ManagedUser[] = admin ? (adminList.data?.users ?? []) : (search.data?.users ?? []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQ(draft.trim());
  };

  return (
    <AdminShell title="Users">
      <form className="filters" role="search" onSubmit={submit}>
        <div className="field grow">
          <label htmlFor="user-q">Name or whole email address</label>
          <input
            id="user-q"
            type="search"
            value={draft}
            maxLength={64}
            onChange={(e) => setDraft(e.target.value)}
          />
        </div>
        <button type="submit" className="primary">
          Search
        </button>
      </form>
      {!admin ? (
        <p className="muted small">Moderators can suspend and disable members. Search for someone by name.</p>
      ) : null}
      <p role="status" className="mod-notice">
        {notice}
      </p>
      {list.isFetching ? <p aria-busy="true">Loading…</p> : null}
      {list.isError ? <p role="alert">{moderationErrorText(list.error)}</p> : null}
      {list.isSuccess && accounts.length === 0 ? <p className="muted">No users found.</p> : null}
      <ul className="card-list" aria-label="Users">
        {accounts.map((account) => (
          <AdminUserRow key={account.id} account={account} onSuspend={setSuspending} onNotice={setNotice} />
        ))}
      </ul>
      <SuspendDialog user={suspending} onClose={() => setSuspending(null)} onDone={setNotice} />
    </AdminShell>
  );
}
