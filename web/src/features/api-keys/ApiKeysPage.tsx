import { useState } from 'react';
import type { ApiKeyResponse, CreatedApiKeyResponse } from '../../api/types';
import { useNow } from '../../notifications/use-now';
import { ConfirmDialog } from '../../ui/Modal';
import { AdminShell } from '../moderation/AdminShell';
import { moderationErrorText } from '../moderation/moderation-errors';
import { keyState, STATE_LABELS } from './api-key-rules';
import { useApiKeys, useRevokeApiKey } from './api-keys-api';
import { CreateKeyForm } from './CreateKeyForm';
import { NewKeyDialog } from './NewKeyDialog';
import './api-keys.css';

const when = (iso: string | null, none: string) =>
  iso ? (
    <time dateTime={iso} title={new Date(iso).toLocaleString()}>
      {new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })}
    </time>
  ) : (
    <span className="muted">{none}</span>
  );

/** API keys for Parley's other services (global admins): create (shown once), list, revoke. */
export function ApiKeysPage() {
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const now = useNow();
  const [created, setCreated] = useState<CreatedApiKeyResponse | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyResponse | null>(null);
  const [notice, setNotice] = useState('');
  const items = keys.data?.items ?? [];

  return (
    <AdminShell title="API keys">
      <p className="muted">
        Back-end services authenticate to <code>POST /api/v1/notify</code> with a key. Every use is recorded
        against the key; revoke one the moment it may have leaked.
      </p>
      <CreateKeyForm onCreated={setCreated} />
      <p role="status" className="mod-notice">
        {notice}
      </p>
      {revoke.isError ? <p role="alert">{moderationErrorText(revoke.error)}</p> : null}
      {keys.isPending ? <p aria-busy="true">Loading…</p> : null}
      {keys.isError ? <p role="alert">{moderationErrorText(keys.error)}</p> : null}
      {keys.isSuccess && items.length === 0 ? <p className="muted">No API keys yet.</p> : null}
      {items.length > 0 ? (
        <div className="table-scroll">
          <table className="audit-table api-key-table">
            <caption className="visually-hidden">API keys</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">Scopes</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Expires</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((key) => {
                const state = keyState(key, now);
                return (
                  <tr key={key.id} className={state}>
                    <th scope="row">{key.name}</th>
                    <td>
                      <code>{key.prefix}…</code>
                    </td>
                    <td>{key.scopes.join(', ')}</td>
                    <td>{when(key.createdAt, '')}</td>
                    <td>{when(key.lastUsedAt, 'Never')}</td>
                    <td>{when(key.expiresAt, 'Never')}</td>
                    <td>
                      <span className={`pill ${state === 'active' ? 'active' : 'disabled'}`}>
                        {STATE_LABELS[state]}
                      </span>
                      {key.revokedAt ? <span className="small"> {when(key.revokedAt, '')}</span> : null}
                    </td>
                    <td>
                      {state === 'revoked' ? null : (
                        <button type="button" className="danger-button" onClick={() => setRevoking(key)}>
                          Revoke<span className="visually-hidden"> {key.name}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {created ? <NewKeyDialog created={created} onClose={() => setCreated(null)} /> : null}
      {revoking ? (
        <ConfirmDialog
          title={`Revoke “${revoking.name}”?`}
          message="Services using this key are refused at once (401). This cannot be undone."
          confirmLabel="Revoke key"
          onClose={() => setRevoking(null)}
          onConfirm={() => {
            setNotice('');
            revoke.mutate(revoking.id, { onSuccess: () => setNotice(`Key “${revoking.name}” revoked.`) });
          }}
        />
      ) : null}
    </AdminShell>
  );
}
