import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import type { HttpClient } from '../../api/http';
import type { AuthResponse } from '../../api/types';
import { useAuth } from '../../auth/auth-context';
import { signInErrorMessage } from '../../auth/auth-messages';
import { takeNext } from '../../auth/next-path';
import { callbackErrorMessage, parseCallback } from '../../auth/oauth';
import { FailureCard, PendingCard } from './AuthCard';
import './auth.css';

/**
 * One exchange per code, kept across remounts: signing in swaps the route tree (signed-out to signed-in),
 * which mounts this page again with the same URL, and a code works only once.
 */
const exchanges = new Map<string, Promise<AuthResponse>>();

function exchangeOnce(http: HttpClient, code: string): Promise<AuthResponse> {
  let pending = exchanges.get(code);
  if (!pending) {
    pending = http.request<AuthResponse>('/auth/oauth/exchange', {
      method: 'POST',
      anonymous: true,
      body: { code },
    });
    exchanges.set(code, pending);
  }
  return pending;
}

/** Where the server sends the browser back from Google or GitHub: `?code=`, `?linked=` or `?error=`. */
export function OAuthCallbackPage() {
  const { http, signedIn, state } = useAuth();
  const navigate = useNavigate();
  const { search } = useLocation();
  const params = useMemo(() => parseCallback(search), [search]);
  const [failure, setFailure] = useState<string | null>(null);
  const signedInNow = state.status === 'signed-in';

  useEffect(() => {
    if (params.kind === 'linked') {
      void navigate(`/settings?linked=${params.provider}`, { replace: true });
      return;
    }
    if (params.kind !== 'code') {
      return;
    }
    let live = true;
    exchangeOnce(http, params.code).then(
      (auth) => {
        if (live) {
          signedIn(auth);
          void navigate(takeNext(), { replace: true });
        }
      },
      (error: unknown) => live && setFailure(signInErrorMessage(error)),
    );
    return () => {
      live = false;
    };
  }, [http, navigate, params, signedIn]);

  const message =
    failure ??
    (params.kind === 'error'
      ? callbackErrorMessage(params.error)
      : params.kind === 'invalid'
        ? 'This page is the end of a sign-in with Google or GitHub; nothing to do here.'
        : null);
  if (!message) {
    return <PendingCard title="Signing you in…" />;
  }
  return (
    <FailureCard
      title={signedInNow ? 'Could not link the account' : 'Could not sign you in'}
      message={message}
      links={
        signedInNow ? <Link to="/settings">Back to settings</Link> : <Link to="/login">Back to sign in</Link>
      }
    />
  );
}
