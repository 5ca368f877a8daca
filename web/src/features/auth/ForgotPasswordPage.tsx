import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, errorMessage } from '../../api/api-error';
import { useAuth } from '../../auth/auth-context';
import { Field } from '../../ui/Field';
import { formText } from '../../ui/form-text';
import { FormError } from '../../ui/FormError';
import { type FormFailure, useFormSubmit } from '../../ui/use-form-submit';
import { AuthCard } from './AuthCard';
import './auth.css';

/** Always the same answer whether or not the account exists: the server does not tell, nor do we. */
export function ForgotPasswordPage() {
  const { http } = useAuth();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { busy, error, fields, onSubmit } = useFormSubmit(
    async (form) => {
      const email = formText(form, 'email').trim();
      await http.request('/auth/forgot-password', { method: 'POST', anonymous: true, body: { email } });
      setSentTo(email);
    },
    (caught): FormFailure =>
      caught instanceof ApiError && caught.code === 'VALIDATION_FAILED'
        ? { error: null, fields: { email: 'Enter a valid email address.' } }
        : { error: errorMessage(caught), fields: {} },
  );

  return (
    <AuthCard title="Reset your password">
      {sentTo ? (
        <p className="notice ok" role="status">
          If an account exists for {sentTo}, we sent it a link to reset the password. It works for one hour.
        </p>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <p className="muted">Enter your account's email address and we will send you a link.</p>
          <Field label="Email" name="email" type="email" autoComplete="email" required error={fields.email} />
          <FormError error={error} />
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
