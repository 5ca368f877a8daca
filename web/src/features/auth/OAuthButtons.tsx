import { useQuery } from '@tanstack/react-query';
import { useAuth } from '../../auth/auth-context';
import { rememberNext } from '../../auth/next-path';
import { type OAuthProvider, oauthStartUrl, PROVIDER_NAMES } from '../../auth/oauth';
import type { ProvidersResponse } from '../../api/types';
import { queryKeys } from '../../app/query-keys';

const ALL: OAuthProvider[] = ['google', 'github'];

/**
 * "Continue with Google / GitHub": full-page navigations to the server, which sends the browser to the
 * provider and back to /auth/callback. Only the providers the server has configured are shown (both
 * when it cannot say, e.g. an older server; the callback page then explains a disabled one).
 */
export function OAuthButtons({ next }: { next: string | null }) {
  const { http } = useAuth();
  const providers = useQuery({
    queryKey: queryKeys.authProviders,
    queryFn: () => http.request<ProvidersResponse>('/auth/providers', { anonymous: true }),
    staleTime: Infinity,
    retry: false,
  });
  const shown = providers.isError ? ALL : (providers.data?.providers ?? []);
  if (shown.length === 0) {
    return null;
  }
  return (
    <div className="oauth-buttons">
      <p className="divider">
        <span>or</span>
      </p>
      {shown.map((provider) => (
        <a
          key={provider}
          className={`button oauth ${provider}`}
          href={oauthStartUrl(provider, window.location.origin)}
          onClick={() => rememberNext(next)}
        >
          <span className="oauth-mark" aria-hidden="true">
            {provider === 'google' ? 'G' : '◆'}
          </span>
          Continue with {PROVIDER_NAMES[provider]}
        </a>
      ))}
    </div>
  );
}
