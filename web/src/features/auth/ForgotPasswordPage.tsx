import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, errorMessage } from '../../api/api-error';
import { useAuth } from '../../auth/auth-context';
import { Field } from '../../ui/Field';
import { formText } from '../../ui/form-text';
import { AuthCard } from './AuthCard';
import './auth.css';

/** Always the same answer whether or not the account exists: the server does not tell, nor do we. */
export function ForgotPasswordPage() {
  const { http } = useAuth();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = formText(new FormData(event.currentTarget), 'email').trim();
    setBusy(true);
    setError(null);
    setFieldError(undefined);
    try {
      await http.request('/auth/forgot-password', { method: 'POST', anonymous: true, body: { email } });
      setSentTo(email);
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'VALIDATION_FAILED') {
        setFieldError('Enter a valid email address.');
      } else {
        setError(errorMessage(caught));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard title="Reset your password">
      {sentTo ? (
        <p className="notice ok" role="status">
          If an account exists for {sentTo}, we sent it a link to reset the password. It works for one hour.
        </p>
      ) : (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <p className="muted">Enter your account's email address and we will send you a link.</p>
          <Field label="Email" name="email" type="email" autoComplete="email" required error={fieldError} />
          {error ? (
            <p role="alert" className="form-error">
              {error}
            </p>
          ) : null}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Sending…' : 'Send reset link'}
          </button>
        </form>
      )}
      <p className="auth-links">
        <Link to="/login">Back to sign in</Link>
      </p>
    </AuthCard>
  );
}
