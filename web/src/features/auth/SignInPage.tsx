import { Link, useNavigate, useSearchParams } from 'react-router';
import type { AuthResponse } from '../../api/types';
import { useAuth } from '../../auth/auth-context';
import { signInErrorMessage } from '../../auth/auth-messages';
import { safeNext } from '../../auth/next-path';
import { Field } from '../../ui/Field';
import { FormError } from '../../ui/FormError';
import { apiFailure, useFormSubmit } from '../../ui/use-form-submit';
import { AuthCard } from './AuthCard';
import { signInNotice } from './notices';
import { OAuthButtons } from './OAuthButtons';
import './auth.css';

export function SignInPage() {
  const { http, signedIn, state } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get('next');
  const notice = signInNotice(params.get('notice') ?? (state.status === 'signed-out' ? state.reason : null));
  const { busy, error, fields, onSubmit } = useFormSubmit(
    async (form) => {
      const auth = await http.request<AuthResponse>('/auth/login', {
        method: 'POST',
        anonymous: true,
        body: { email: form.get('email'), password: form.get('password') },
      });
      signedIn(auth);
      void navigate(safeNext(next), { replace: true });
    },
    (caught) => apiFailure(caught, signInErrorMessage),
  );

  const withNext = (path: string) => (next ? `${path}?next=${encodeURIComponent(next)}` : path);
  return (
    <AuthCard title="Sign in">
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <form onSubmit={onSubmit} noValidate>
        <Field label="Email" name="email" type="email" autoComplete="email" required error={fields.email} />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={fields.password}
        />
        <FormError error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="form-row auth-links">
          <Link to="/forgot-password">Forgot your password?</Link>
        </p>
      </form>
      <OAuthButtons next={next} />
      <p className="auth-links">
        No account? <Link to={withNext('/signup')}>Create one</Link>
      </p>
    </AuthCard>
  );
}
