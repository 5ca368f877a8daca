import type { Profile } from 'passport';
import { OAuthProvider } from '../../users/identities/identity.schema';

/** A provider's answer about who logged in, reduced to what the linking rules need. */
export interface ProviderProfile {
  provider: OAuthProvider;
  providerUserId: string;
  /** Normalised; absent when the provider gave no usable address. */
  email?: string;
  emailVerified: boolean;
  displayName: string;
  avatarUrl?: string;
}

type ProfileEmail = { value?: unknown; verified?: unknown; primary?: unknown };

function normalise(email: unknown): string | undefined {
  return typeof email === 'string' && email.includes('@') ? email.trim().toLowerCase() : undefined;
}

/** Google's OpenID userinfo: `email_verified` may arrive as a boolean or the string "true". */
export function fromGoogle(profile: Profile): ProviderProfile {
  const email = profile.emails?.[0] as ProfileEmail | undefined;
  return {
    provider: 'google',
    providerUserId: profile.id,
    email: normalise(email?.value),
    emailVerified: email?.verified === true || email?.verified === 'true',
    displayName: profile.displayName || 'Google user',
    avatarUrl: profile.photos?.[0]?.value,
  };
}

/** GitHub (strategy run with allRawEmails): only the primary address counts, and only when verified. */
export function fromGithub(profile: Profile): ProviderProfile {
  const emails = (profile.emails ?? []) as ProfileEmail[];
  const primary = emails.find((email) => email.primary === true);
  return {
    provider: 'github',
    providerUserId: profile.id,
    email: normalise(primary?.value),
    emailVerified: primary?.verified === true,
    displayName: profile.displayName || profile.username || 'GitHub user',
    avatarUrl: profile.photos?.[0]?.value,
  };
}
