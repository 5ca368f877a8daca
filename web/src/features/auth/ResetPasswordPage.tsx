import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/api-error';
import { useAuth } from '../../auth/auth-context';
import { FormError } from '../../ui/FormError';
import { NewPasswordFields, newPasswordOf } from '../../ui/NewPasswordFields';
import { apiFailure, useFormSubmit } from '../../ui/use-form-submit';
import { AuthCard } from './AuthCard';
import './auth.css';

/** The emailed link `/reset-password?token=`: a new password, typed twice; every session ends after it. */
export function ResetPasswordPage() {
  const { http, state, signOut } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { busy, error, fields, onSubmit } = useFormSubmit(
    async (form) => {
      const password = newPasswordOf(form, 'password');
      await http.request('/auth/reset-password', {
        method: 'POST',
        anonymous: true,
        body: { token, password },
      });
      if (state.status === 'signed-in') {
        await signOut();
      }
      void navigate('/login?notice=password-reset', { replace: true });
    },
    (caught) =>
      caught instanceof ApiError && caught.code === 'EMAIL_TOKEN_INVALID'
        ? { error: 'This reset link is invalid, expired or was already used. Ask for a new one.', fields: {} }
        : apiFailure(caught),
  );

  return (
    <AuthCard title="Choose a new password">
      {token ? (
        <form onSubmit={onSubmit} noValidate>
          <NewPasswordFields name="password" fields={fields} />
          <FormError error={error} />
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
