import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { Profile } from 'passport';
import { Strategy as GithubStrategy } from 'passport-github2';
import { Strategy as GoogleStrategy } from 'passport-google-oauth20';
import type { StateStore } from 'passport-oauth2';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { OAuthProvider } from '../../users/identities/identity.schema';
import { OAuthError, OAuthErrorCode } from './oauth.errors';
import { OAuthFlow, OAuthStateStore } from './oauth-state.store';
import { fromGithub, fromGoogle, ProviderProfile } from './provider-profile';

type Done = (error: unknown, user?: ProviderProfile) => void;

/** What one run of a strategy ended with: passport's success/fail/redirect/error, as a value. */
export type StrategyOutcome =
  | { kind: 'redirect'; url: string }
  | { kind: 'success'; profile: ProviderProfile; flow: OAuthFlow }
  | { kind: 'fail'; flow?: OAuthFlow }
  | { kind: 'error'; error: unknown };

interface StrategyActions {
  authenticate(req: Request, options: object): void;
  redirect(url: string): void;
  success(user: unknown, info?: { state?: { flow: OAuthFlow } }): void;
  fail(info?: unknown): void;
  error(error: unknown): void;
  pass(): void;
}

/**
 * The real passport strategies, pointed at configurable endpoints. They are driven directly (the way
 * passport.authenticate does) so the controller decides every response: a redirect to an allowed client
 * URL, never passport's defaults. A provider without a client id has no strategy.
 */
@Injectable()
export class OAuthStrategies {
  private readonly strategies = new Map<OAuthProvider, StrategyActions>();

  constructor(@Inject(APP_CONFIG) config: AppConfig, states: OAuthStateStore) {
    const { google, github, publicApiUrl } = config.oauth;
    const callbackURL = (provider: OAuthProvider) => `${publicApiUrl}/api/v1/auth/${provider}/callback`;
    if (google.clientId) {
      const strategy = new GoogleStrategy(
        {
          clientID: google.clientId,
          clientSecret: google.clientSecret,
          authorizationURL: google.authUrl,
          tokenURL: google.tokenUrl,
          userProfileURL: google.profileUrl,
          callbackURL: callbackURL('google'),
          scope: ['openid', 'email', 'profile'],
          pkce: true,
          store: states.forProvider('google') as unknown as StateStore,
        },
        (_access: string, _refresh: string, profile: Profile, done: Done) => done(null, fromGoogle(profile)),
      );
      this.strategies.set('google', strategy);
    }
    if (github.clientId) {
      const strategy = new GithubStrategy(
        {
          clientID: github.clientId,
          clientSecret: github.clientSecret,
          authorizationURL: github.authUrl,
          tokenURL: github.tokenUrl,
          userProfileURL: github.profileUrl,
          userEmailURL: github.emailsUrl,
          allRawEmails: true,
          callbackURL: callbackURL('github'),
          scope: ['read:user', 'user:email'],
          pkce: true,
          store: states.forProvider('github') as unknown as StateStore,
        },
        (_access: string, _refresh: string, profile: Profile, done: Done) => done(null, fromGithub(profile)),
      );
      this.strategies.set('github', strategy);
    }
  }

  /** Runs the provider's strategy on this request (start: redirect; callback: token, profile). */
  run(provider: OAuthProvider, req: Request, options: object = {}): Promise<StrategyOutcome> {
    const strategy = this.strategies.get(provider);
    if (!strategy) {
      throw new OAuthError(OAuthErrorCode.ProviderDisabled);
    }
    return new Promise((resolve) => {
      const run = Object.create(strategy) as StrategyActions;
      run.redirect = (url) => resolve({ kind: 'redirect', url });
      run.success = (user, info) =>
        resolve({ kind: 'success', profile: user as ProviderProfile, flow: info?.state?.flow as OAuthFlow });
      run.fail = (info) => resolve({ kind: 'fail', flow: (info as { flow?: OAuthFlow } | undefined)?.flow });
      run.error = (error) => resolve({ kind: 'error', error });
      run.pass = () => resolve({ kind: 'fail' });
      run.authenticate(req, { session: false, ...options });
    });
  }

  /** The providers this server is configured for, by name. */
  enabled(): OAuthProvider[] {
    return [...this.strategies.keys()].sort();
  }

  requireEnabled(provider: OAuthProvider): void {
    if (!this.strategies.has(provider)) {
      throw new OAuthError(OAuthErrorCode.ProviderDisabled);
    }
  }
}
