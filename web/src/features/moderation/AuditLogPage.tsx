import { type FormEvent, useState } from 'react';
import type { AuditAction } from '../../api/types';
import { useAudit } from './moderation-api';
import { moderationErrorText } from './moderation-errors';
import { type AuditFilters, auditQuery } from './moderation-queries';
import { AdminShell } from './AdminShell';
import { Field } from '../../ui/Field';

/** Every value of the server's AuditAction (a record, so a new action fails the type check until listed). */
const ACTIONS: Record<`${AuditAction}`, true> = {
  'auth.sign_in': true,
  'auth.sign_in_failed': true,
  'auth.sign_out': true,
  'auth.sign_out_all': true,
  'auth.password_changed': true,
  'auth.password_reset': true,
  'identity.linked': true,
  'identity.unlinked': true,
  'session.revoked': true,
  'user.role_changed': true,
  'user.status_changed': true,
  'user.suspended': true,
  'user.unsuspended': true,
  'conversation.member_banned': true,
  'conversation.member_unbanned': true,
  'account.export_requested': true,
  'account.export_downloaded': true,
  'account.deletion_requested': true,
  'account.deleted': true,
  'moderation.report_resolved': true,
  'moderation.message_removed': true,
  'api_key.created': true,
  'api_key.revoked': true,
  'notify.sent': true,
};

const EMPTY: AuditFilters = { actorId: '', targetId: '', action: '', from: '', to: '' };

/** The audit log, read-only, newest first, for admins. */
export function AuditLogPage() {
  const [draft, setDraft] = useState<AuditFilters>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [query, setQuery] = useState<Record<string, string | undefined>>({});
  const audit = useAudit(query);
  const items = audit.data?.pages.flatMap((page) => page.items) ?? [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = auditQuery(draft);
    setErrors(checked.ok ? {} : checked.errors);
    if (checked.ok) {
      setQuery(checked.body);
    }
  };
  const set = (key: keyof AuditFilters) => (event: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: event.target.value });

  return (
    <AdminShell title="Audit log">
      <form className="filters" aria-label="Filter the audit log" onSubmit={submit} noValidate>
        <Field label="Actor id" value={draft.actorId} error={errors.actorId} onChange={set('actorId')} />
        <Field label="Target id" value={draft.targetId} error={errors.targetId} onChange={set('targetId')} />
        <div className="field">
          <label htmlFor="audit-action">Action</label>
          <select id="audit-action" value={draft.action} onChange={set('action')}>
            <option value="">Any action</option>
            {Object.keys(ACTIONS).map((action) => (
              <option key={action}>{action}</option>
            ))}
          </select>
        </div>
        <Field
          label="From"
          type="datetime-local"
          value={draft.from}
          error={errors.from}
          onChange={set('from')}
        />
        <Field label="To" type="datetime-local" value={draft.to} error={errors.to} onChange={set('to')} />
        <button type="submit" className="primary">
          Apply
        </button>
      </form>
      {audit.isPending ? <p aria-busy="true">Loading…</p> : null}
      {audit.isError ? <p role="alert">{moderationErrorText(audit.error)}</p> : null}
      {audit.isSuccess && items.length === 0 ? <p className="muted">No records.</p> : null}
      {items.length > 0 ? (
        <div className="table-scroll">
          <table className="audit-table">
            <caption className="visually-hidden">Audit records, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Action</th>
                <th scope="col">Actor</th>
                <th scope="col">Target</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {items.map((record) => (
                <tr key={record.id}>
                  <td>
                    <time dateTime={record.at}>{new Date(record.at).toLocaleString()}</time>
                  </td>
                  <td>{record.action}</td>
                  <td>
                    {record.actorId ?? '—'}{' '}
                    {record.actorRole ? <span className="muted">({record.actorRole})</span> : null}
                  </td>
                  <td>
                    {record.targetType ?? ''} {record.targetId ?? '—'}
                  </td>
                  <td className="small">{record.details ? JSON.stringify(record.details) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {audit.hasNextPage ? (
        <button type="button" onClick={() => void audit.fetchNextPage()} disabled={audit.isFetchingNextPage}>
          Older records
        </button>
      ) : null}
    </AdminShell>
  );
}
