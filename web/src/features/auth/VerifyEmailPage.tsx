import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/api-error';
import { useAuth } from '../../auth/auth-context';
import type { UserResponse } from '../../api/types';
import { AuthCard, FailureCard, PendingCard } from './AuthCard';
import './auth.css';

/** The emailed link `/verify-email?token=`: works signed in or out (it may be opened on another device). */
export function VerifyEmailPage() {
  const { http, state, setUser } = useAuth();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const signedIn = state.status === 'signed-in';
  const verify = useMutation({
    mutationFn: () =>
      http.request<void>('/auth/verify-email', { method: 'POST', anonymous: true, body: { token } }),
    onSuccess: async () => {
      if (signedIn) {
        setUser((await http.get<{ user: UserResponse }>('/users/me')).user);
      }
    },
  });
  const { mutate } = verify;

  useEffect(() => {
    if (token) {
      mutate();
    }
  }, [mutate, token]);

  const onwards = signedIn ? <Link to="/">Go to your chats</Link> : <Link to="/login">Sign in</Link>;
  if (!token || verify.isError) {
    const expired =
      !token ||
      (verify.error instanceof ApiError &&
        (verify.error.code === 'EMAIL_TOKEN_INVALID' || verify.error.status === 400));
    return (
      <FailureCard
        title="Link not valid"
        message={
          expired
            ? 'This verification link is invalid, expired or was already used.'
            : errorMessage(verify.error)
        }
        links={
          signedIn ? (
            <>
              Ask for a new link in <Link to="/settings">Settings</Link>.
            </>
          ) : (
            <>Sign in and ask for a new link in Settings. {onwards}</>
          )
        }
      />
    );
  }
  if (verify.isSuccess) {
    return (
      <AuthCard title="Email verified">
        <p role="status" className="notice ok">
          Thank you, your email address is verified.
        </p>
        <p className="auth-links">{onwards}</p>
      </AuthCard>
    );
  }
  return <PendingCard title="Verifying your email…" />;
}
