import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/api-error';
import type { AuthResponse } from '../../api/types';
import { useAuth } from '../../auth/auth-context';
import { signInErrorMessage } from '../../auth/auth-messages';
import { safeNext } from '../../auth/next-path';
import { Field } from '../../ui/Field';
import { FormError } from '../../ui/FormError';
import { apiFailure, useFormSubmit } from '../../ui/use-form-submit';
import { AuthCard } from './AuthCard';
import { OAuthButtons } from './OAuthButtons';
import './auth.css';

export function SignUpPage() {
  const { http, signedIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get('next');
  const { busy, error, fields, onSubmit } = useFormSubmit(
    async (form) => {
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
    },
    (caught) => {
      const failure = apiFailure(caught, signInErrorMessage);
      return caught instanceof ApiError && caught.code === 'EMAIL_TAKEN'
        ? { ...failure, fields: { email: 'An account with this email already exists.' } }
        : failure;
    },
  );

  return (
    <AuthCard title="Create your account">
      <form onSubmit={onSubmit} noValidate>
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
        <FormError error={error} />
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
