import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, errorMessage } from '../../api/api-error';
import { useAuth, useSignedIn } from '../../auth/auth-context';
import { Field } from '../../ui/Field';
import { Modal } from '../../ui/Modal';
import { useFormSubmit } from '../../ui/use-form-submit';
import { Outcome } from './Section';

const REFUSALS: Record<string, string> = {
  PASSWORD_INCORRECT: 'That is not your password.',
  REAUTH_REQUIRED:
    'For your safety, sign out, sign in again with your provider, and delete the account within 10 minutes.',
};

/** Deletion is final: a native modal dialog asks again, with the password for a password account. */
export function DeleteAccount() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <p className="muted">
        Your profile, sign-in methods and sessions are erased and you leave every conversation. This cannot be
        undone.
      </p>
      <button type="button" className="danger" onClick={() => setOpen(true)}>
        Delete my account…
      </button>
      {open ? (
        <Modal title="Delete your account?" onClose={() => setOpen(false)}>
          <DeleteForm onCancel={() => setOpen(false)} />
        </Modal>
      ) : null}
    </>
  );
}

function DeleteForm({ onCancel }: { onCancel: () => void }) {
  const { user, http } = useSignedIn();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const hasPassword = user.identities.some((identity) => identity.provider === 'local');
  const { busy, error, onSubmit } = useFormSubmit(
    async (form) => {
      const password = form.get('password');
      await http.request('/users/me', { method: 'DELETE', body: hasPassword ? { password } : {} });
      await signOut();
      void navigate('/login?notice=account-deleted', { replace: true });
    },
    (caught) => ({
      error: (caught instanceof ApiError && REFUSALS[caught.code]) || errorMessage(caught),
      fields: {},
    }),
  );

  return (
    <form onSubmit={onSubmit} className="settings-form modal-body">
      <p>
        Everything about <strong>{user.displayName}</strong> is erased and you are signed out on every device.
        This cannot be undone.
      </p>
      {hasPassword ? (
        <Field
          label="Your password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          autoFocus
        />
      ) : null}
      <Outcome error={error} />
      <div className="modal-actions">
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="danger" disabled={busy}>
          {busy ? 'Deleting…' : 'Delete my account'}
        </button>
      </div>
    </form>
  );
}
