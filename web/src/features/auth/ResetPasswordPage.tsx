import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/api-error';
import { useAuth } from '../../auth/auth-context';
import { Field } from '../../ui/Field';
import { formText } from '../../ui/form-text';
import { AuthCard } from './AuthCard';
import './auth.css';

/** The emailed link `/reset-password?token=`: a new password, typed twice; every session ends after it. */
export function ResetPasswordPage() {
  const { http, state, signOut } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = formText(form, 'password');
    setError(null);
    setFields({});
    if (password !== form.get('confirm')) {
      setFields({ confirm: 'The passwords do not match.' });
      return;
    }
    setBusy(true);
    try {
      await http.request('/auth/reset-password', {
        method: 'POST',
        anonymous: true,
        body: { token, password },
      });
      if (state.status === 'signed-in') {
        await signOut();
      }
      void navigate('/login?notice=password-reset', { replace: true });
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'EMAIL_TOKEN_INVALID') {
        setError('This reset link is invalid, expired or was already used. Ask for a new one.');
      } else {
        if (caught instanceof ApiError) {
          setFields(caught.fieldErrors());
        }
        setError(errorMessage(caught));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard title="Choose a new password">
      {token ? (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Field
            label="New password (at least 10 characters)"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            error={fields.password}
          />
          <Field
            label="Repeat the new password"
            name="confirm"
            type="password"
            autoComplete="new-password"
            required
            error={fields.confirm}
          />
          {error ? (
            <p role="alert" className="form-error">
              {error}
            </p>
          ) : null}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Set new password'}
          </button>
        </form>
      ) : (
        <p role="alert" className="notice error">
          This reset link is incomplete. Open the link from the email again, or ask for a new one.
        </p>
      )}
      <p className="auth-links">
        <Link to="/forgot-password">Ask for a new link</Link> · <Link to="/login">Sign in</Link>
      </p>
    </AuthCard>
  );
}
