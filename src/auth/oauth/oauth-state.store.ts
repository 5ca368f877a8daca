import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type Redis from 'ioredis';
import { timingSafeEqual } from 'node:crypto';
import { REDIS } from '../../common/redis/redis.constants';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { OAuthProvider } from '../../users/identities/identity.schema';
import { randomToken, sha256 } from './one-time-tokens';

/** What a login attempt remembers between its start and the provider's callback. */
export interface OAuthFlow {
  provider: OAuthProvider;
  returnTo: string;
  /** Set when an authenticated user started the flow to link this provider to their account. */
  linkUserId?: string;
}

interface StoredFlow extends OAuthFlow {
  browserHash: string;
  verifier: string;
}

export type ConsumedFlow = { ok: true; flow: OAuthFlow; verifier: string } | { ok: false; flow?: OAuthFlow };

export interface PassportStateStore {
  store(
    req: Request,
    verifier: string,
    flow: OAuthFlow,
    meta: unknown,
    callback: (error: Error | null, handle?: string) => void,
  ): void;
  verify(
    req: Request,
    handle: unknown,
    callback: (error: Error | null, ok: string | false, info?: unknown) => void,
  ): void;
}

const FLOW_TTL_SECONDS = 600;

export function stateCookieName(provider: OAuthProvider): string {
  return `parley_oauth_${provider}`;
}

export function stateCookiePath(provider: OAuthProvider): string {
  return `/api/v1/auth/${provider}/callback`;
}

/**
 * passport-oauth2 state store (its `store`/`verify` interface, PKCE flavour). The `state` sent to the
 * provider is a random handle of a Redis record; the record also holds the PKCE verifier and the hash of a
 * second random value set in an HttpOnly cookie scoped to the callback path. The callback must present both,
 * so a callback URL replayed into another browser (login CSRF) fails. Records are deleted on first use.
 */
@Injectable()
export class OAuthStateStore {
  /** Flows verified on a request, so a later token or profile failure can still go back to the client. */
  private readonly verified = new WeakMap<Request, OAuthFlow>();

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The `store` option of one provider's strategy. */
  forProvider(provider: OAuthProvider): PassportStateStore {
    return {
      // passport-oauth2 picks the PKCE call shape by arity: keep all parameters.
      store: (req, verifier, flow, _meta, callback) => {
        this.save(req, verifier, { ...flow, provider }).then(
          (handle) => callback(null, handle),
          (error: Error) => callback(error),
        );
      },
      verify: (req, handle, callback) => {
        this.consume(req, provider, handle).then(
          (result) => {
            if (result.ok) {
              this.verified.set(req, result.flow);
            }
            callback(null, result.ok ? result.verifier : false, { flow: result.flow });
          },
          (error: Error) => callback(error, false),
        );
      },
    };
  }

  private async save(req: Request, verifier: string, flow: OAuthFlow): Promise<string> {
    const handle = randomToken();
    const browserValue = randomToken();
    const record: StoredFlow = { ...flow, verifier, browserHash: sha256(browserValue) };
    await this.redis.set(this.key(handle), JSON.stringify(record), 'EX', FLOW_TTL_SECONDS);
    req.res?.cookie(stateCookieName(flow.provider), browserValue, {
      httpOnly: true,
      secure: this.config.isProduction,
      sameSite: 'lax',
      path: stateCookiePath(flow.provider),
      maxAge: FLOW_TTL_SECONDS * 1000,
    });
    return handle;
  }

  verifiedFlow(req: Request): OAuthFlow | undefined {
    return this.verified.get(req);
  }

  /** Takes the flow record (once) and checks the browser cookie against it. */
  async consume(req: Request, provider: OAuthProvider, handle: unknown): Promise<ConsumedFlow> {
    if (typeof handle !== 'string' || handle.length === 0 || handle.length > 100) {
      return { ok: false };
    }
    const raw = await this.redis.getdel(this.key(handle));
    if (!raw) {
      return { ok: false };
    }
    const { browserHash, verifier, ...flow } = JSON.parse(raw) as StoredFlow;
    const cookies = req.cookies as Record<string, string | undefined>;
    const presented = cookies[stateCookieName(provider)];
    const matches =
      flow.provider === provider &&
      presented !== undefined &&
      timingSafeEqual(Buffer.from(sha256(presented)), Buffer.from(browserHash));
    return matches ? { ok: true, flow, verifier } : { ok: false, flow };
  }

  private key(handle: string): string {
    return `${this.config.redis.keyPrefix}:oauth:state:${sha256(handle)}`;
  }
}
