import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, errorMessage } from '../../api/api-error';
import { useAuth, useSignedIn } from '../../auth/auth-context';
import { Field } from '../../ui/Field';
import { formText } from '../../ui/form-text';
import { Outcome, Section } from './Section';

/** Changing the password ends every session, this one too: the user signs in again with the new one. */
export function PasswordSection() {
  const { user, http } = useSignedIn();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const hasPassword = user.identities.some((identity) => identity.provider === 'local');

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const newPassword = formText(form, 'newPassword');
    setFields({});
    setError(null);
    if (newPassword !== form.get('confirm')) {
      setFields({ confirm: 'The passwords do not match.' });
      return;
    }
    setBusy(true);
    try {
      await http.post('/auth/change-password', { currentPassword: form.get('currentPassword'), newPassword });
      await signOut();
      void navigate('/login?notice=password-changed', { replace: true });
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'INVALID_CREDENTIALS') {
        setFields({ currentPassword: 'This is not your current password.' });
      } else {
        setFields(caught instanceof ApiError ? caught.fieldErrors() : {});
        setError(errorMessage(caught));
      }
      setBusy(false);
    }
  }

  if (!hasPassword) {
    return (
      <Section title="Password">
        <p className="muted">
          Your account has no password; you sign in with a linked provider.
          {user.email ? (
            <>
              {' '}
              To add one, use <Link to="/forgot-password">“Forgot your password?”</Link> with {user.email}.
            </>
          ) : null}
        </p>
      </Section>
    );
  }
  return (
    <Section title="Password">
      <form className="settings-form" onSubmit={(event) => void submit(event)} noValidate>
        <Field
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={fields.currentPassword}
        />
        <Field
          label="New password (at least 10 characters)"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          error={fields.newPassword}
        />
        <Field
          label="Repeat the new password"
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          error={fields.confirm}
        />
        <p className="muted">Changing it signs you out on every device, this one too.</p>
        <Outcome error={error} />
        <button type="submit" disabled={busy}>
          {busy ? 'Changing…' : 'Change password'}
        </button>
      </form>
    </Section>
  );
}
