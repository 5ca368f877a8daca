import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/api-error';
import { useAuth, useSignedIn } from '../../auth/auth-context';
import { Field } from '../../ui/Field';
import { NewPasswordFields, newPasswordOf } from '../../ui/NewPasswordFields';
import { apiFailure, useFormSubmit } from '../../ui/use-form-submit';
import { Outcome, Section } from './Section';

/** Changing the password ends every session, this one too: the user signs in again with the new one. */
export function PasswordSection() {
  const { user, http } = useSignedIn();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const hasPassword = user.identities.some((identity) => identity.provider === 'local');
  const { busy, error, fields, onSubmit } = useFormSubmit(
    async (form) => {
      const newPassword = newPasswordOf(form, 'newPassword');
      await http.post('/auth/change-password', { currentPassword: form.get('currentPassword'), newPassword });
      await signOut();
      void navigate('/login?notice=password-changed', { replace: true });
    },
    (caught) =>
      caught instanceof ApiError && caught.code === 'INVALID_CREDENTIALS'
        ? { error: null, fields: { currentPassword: 'This is not your current password.' } }
        : apiFailure(caught),
  );

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
      <form className="settings-form" onSubmit={onSubmit} noValidate>
        <Field
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={fields.currentPassword}
        />
        <NewPasswordFields name="newPassword" fields={fields} />
        <p className="muted">Changing it signs you out on every device, this one too.</p>
        <Outcome error={error} />
        <button type="submit" disabled={busy}>
          {busy ? 'Changing…' : 'Change password'}
        </button>
      </form>
    </Section>
  );
}
