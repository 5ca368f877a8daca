import { API_BASE } from '../api/http';

export type OAuthProvider = 'google' | 'github';

export const PROVIDER_NAMES: Record<OAuthProvider, string> = { google: 'Google', github: 'GitHub' };

/** Where the server sends the browser back after the provider: the callback page of this app. */
export function callbackUrl(origin: string): string {
  return `${origin}/auth/callback`;
}

/** The full-page navigation that starts a provider login (a fetch cannot follow it to the provider). */
export function oauthStartUrl(provider: OAuthProvider, origin: string): string {
  return `${API_BASE}/auth/${provider}?returnTo=${encodeURIComponent(callbackUrl(origin))}`;
}

/** What the server put on the redirect back to /auth/callback. */
export type CallbackParams =
  | { kind: 'code'; code: string }
  | { kind: 'linked'; provider: OAuthProvider }
  | { kind: 'error'; error: string }
  | { kind: 'invalid' };

export function parseCallback(search: string): CallbackParams {
  const params = new URLSearchParams(search);
  const error = params.get('error');
  if (error) {
    return { kind: 'error', error };
  }
  const code = params.get('code');
  if (code) {
    return { kind: 'code', code };
  }
  const linked = params.get('linked');
  if (linked === 'google' || linked === 'github') {
    return { kind: 'linked', provider: linked };
  }
  return { kind: 'invalid' };
}

/** A message per documented redirect error (docs/auth.md, "Errors on the redirect"). */
export function callbackErrorMessage(error: string): string {
  switch (error) {
    case 'access_denied':
      return 'Sign-in was cancelled at the provider. You can try again, or use your email and password.';
    case 'state_mismatch':
      return 'This sign-in attempt expired or was started in another browser. Please start again.';
    case 'account_exists_unverified':
      return (
        'An account with this email already exists, but the address is not verified on both sides, so we ' +
        'did not connect them. Sign in with your email and password, then link this provider in Settings.'
      );
    case 'already_linked':
      return 'Your account already has a login of this provider linked. Unlink it in Settings first.';
    case 'linked_to_another_user':
      return 'That provider account already belongs to another Parley account.';
    case 'provider_disabled':
      return 'This sign-in provider is not available on this server.';
    case 'provider_error':
      return 'The provider did not complete the sign-in. Please try again.';
    default:
      return 'Sign-in did not complete. Please try again.';
  }
}
