import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../api/api-error';
import type { ProvidersResponse, UserResponse } from '../../api/types';
import { queryKeys } from '../../app/query-keys';
import { useAuth, useSignedIn } from '../../auth/auth-context';
import { callbackUrl, type OAuthProvider, PROVIDER_NAMES } from '../../auth/oauth';
import { Outcome, Section } from './Section';

const UNLINK_REFUSALS: Record<string, string> = {
  LAST_LOGIN_METHOD: 'This is your only way to sign in. Set a password or link another provider first.',
  IDENTITY_NOT_LINKED: 'That provider is not linked any more.',
};

/** Password and linked Google/GitHub logins; linking is a full-page trip to the provider with a ticket. */
export function SignInMethodsSection({ linked }: { linked: OAuthProvider | null }) {
  const { user, http } = useSignedIn();
  const { setUser } = useAuth();
  const [error, setError] = useState<string | null>(null);
  const providers = useQuery({
    queryKey: queryKeys.authProviders,
    queryFn: () => http.request<ProvidersResponse>('/auth/providers', { anonymous: true }),
    staleTime: Infinity,
    retry: false,
  });
  const available: OAuthProvider[] = providers.isError
    ? ['google', 'github']
    : (providers.data?.providers ?? []);

  const link = useMutation({
    mutationFn: (provider: OAuthProvider) =>
      http.post<{ url: string }>('/auth/oauth/link-ticket', {
        provider,
        returnTo: callbackUrl(window.location.origin),
      }),
    onSuccess: ({ url }) => window.location.assign(url),
    onError: (caught) => setError(errorMessage(caught)),
  });
  const unlink = useMutation({
    mutationFn: async (provider: OAuthProvider) => {
      await http.delete(`/auth/identities/${provider}`);
      return (await http.get<{ user: UserResponse }>('/users/me')).user;
    },
    onSuccess: setUser,
    onError: (caught) =>
      setError((caught instanceof ApiError && UNLINK_REFUSALS[caught.code]) || errorMessage(caught)),
  });

  const hasPassword = user.identities.some((identity) => identity.provider === 'local');
  return (
    <Section title="Sign-in methods">
      {linked ? (
        <p role="status" className="form-ok">
          {PROVIDER_NAMES[linked]} is now linked: you can sign in with it.
        </p>
      ) : null}
      <ul className="settings-list">
        <li>
          <span>
            <strong>Email and password</strong>
            <small className="muted">{hasPassword ? 'Set' : 'Not set'}</small>
          </span>
        </li>
        {(['google', 'github'] as const).map((provider) => {
          const identity = user.identities.find((item) => item.provider === provider);
          const email = identity && 'email' in identity ? identity.email : null;
          if (!identity && !available.includes(provider)) {
            return null;
          }
          return (
            <li key={provider}>
              <span>
                <strong>{PROVIDER_NAMES[provider]}</strong>
                <small className="muted">
                  {identity ? `Linked${email ? ` as ${email}` : ''}` : 'Not linked'}
                </small>
              </span>
              {identity ? (
                <button
                  type="button"
                  disabled={unlink.isPending}
                  onClick={() => {
                    setError(null);
                    unlink.mutate(provider);
                  }}
                >
                  Unlink {PROVIDER_NAMES[provider]}
                </button>
              ) : (
                <button
                  type="button"
                  disabled={link.isPending}
                  onClick={() => {
                    setError(null);
                    link.mutate(provider);
                  }}
                >
                  Link {PROVIDER_NAMES[provider]}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <Outcome error={error} />
    </Section>
  );
}
