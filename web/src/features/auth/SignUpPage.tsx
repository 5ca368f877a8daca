import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/api-error';
import type { AuthResponse } from '../../api/types';
import { useAuth } from '../../auth/auth-context';
import { signInErrorMessage } from '../../auth/auth-messages';
import { safeNext } from '../../auth/next-path';
import { Field } from '../../ui/Field';
import { AuthCard } from './AuthCard';
import { OAuthButtons } from './OAuthButtons';
import './auth.css';

export function SignUpPage() {
  const { http, signedIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const next = params.get('next');

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const auth = await http.request<AuthResponse>('/auth/register', {
        method: 'POST',
        anonymous: true,
        body: {
          displayName: form.get('displayName'),
          email: form.get('email'),
          password: form.get('password'),
        },
      });
      signedIn(auth);
      void navigate(safeNext(next), { replace: true });
    } catch (caught) {
      if (caught instanceof ApiError) {
        setFields(
          caught.code === 'EMAIL_TAKEN'
            ? { email: 'An account with this email already exists.' }
            : caught.fieldErrors(),
        );
      }
      setError(signInErrorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard title="Create your account">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field
          label="Name"
          name="displayName"
          autoComplete="name"
          required
          maxLength={64}
          error={fields.displayName}
        />
        <Field label="Email" name="email" type="email" autoComplete="email" required error={fields.email} />
        <Field
          label="Password (at least 10 characters)"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          error={fields.password}
        />
        {error ? (
          <p role="alert" className="form-error">
            {error}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create account'}
        </button>
      </form>
      <OAuthButtons next={next} />
      <p className="auth-links">
        Have an account? <Link to={next ? `/login?next=${encodeURIComponent(next)}` : '/login'}>Sign in</Link>
      </p>
    </AuthCard>
  );
}
