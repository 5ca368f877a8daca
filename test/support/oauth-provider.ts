import { createHash, randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { listenOnLoopback, readBody } from './http-stand-in';
import { createTestApp, TestApp } from './test-app';

/** Who logs in at the stand-in, and what the provider says about their email. */
export interface StandInAccount {
  id: string;
  name?: string;
  /** Omitted: Google answers without an email; GitHub lists no primary address. */
  email?: string;
  emailVerified?: boolean;
}

export interface TokenRequest {
  provider: string;
  verifierOk: boolean;
}

interface Grant {
  provider: string;
  account: StandInAccount;
  challenge: string;
  redirectUri: string;
}

export const STAND_IN_CLIENT = { id: 'parley-test-client', secret: 'parley-test-secret' };

/**
 * A local OAuth 2.0 provider speaking just enough Google and GitHub for the real passport strategies:
 * an authorize endpoint (the "browser" picks the account with `?account=` or refuses with `?deny=1`), a token
 * endpoint that checks the client, redirect URI and PKCE S256 verifier, Google's userinfo and GitHub's
 * `/user` and `/user/emails`.
 */
export class OAuthStandIn {
  readonly tokenRequests: TokenRequest[] = [];
  private readonly accounts = new Map<string, StandInAccount>();
  private readonly grants = new Map<string, Grant>();
  private readonly accessTokens = new Map<string, StandInAccount>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<OAuthStandIn> {
    const server = createServer();
    const standIn = new OAuthStandIn(server, await listenOnLoopback(server));
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      standIn.handle(req, res).catch(() => send(res, 500, { error: 'stand-in failure' }));
    });
    return standIn;
  }

  /** App environment pointing both providers here. */
  env(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const provider of ['GOOGLE', 'GITHUB']) {
      const base = `${this.url}/${provider.toLowerCase()}`;
      env[`${provider}_CLIENT_ID`] = STAND_IN_CLIENT.id;
      env[`${provider}_CLIENT_SECRET`] = STAND_IN_CLIENT.secret;
      env[`${provider}_AUTH_URL`] = `${base}/authorize`;
      env[`${provider}_TOKEN_URL`] = `${base}/token`;
    }
    env.GOOGLE_USERINFO_URL = `${this.url}/google/userinfo`;
    env.GITHUB_USER_URL = `${this.url}/github/user`;
    env.GITHUB_EMAILS_URL = `${this.url}/github/user/emails`;
    return env;
  }

  /** Registers an account the browser can log in as; returns its key for `?account=`. */
  account(account: StandInAccount): string {
    const key = randomBytes(8).toString('hex');
    this.accounts.set(key, account);
    return key;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const [, provider, ...rest] = url.pathname.split('/');
    const route = rest.join('/');
    if (route === 'authorize') {
      return this.authorize(provider, url, res);
    }
    if (route === 'token' && req.method === 'POST') {
      return this.token(provider, new URLSearchParams((await readBody(req)).toString('utf8')), res);
    }
    // Google's strategy sends the token as a query parameter, GitHub's as a Bearer header.
    const token =
      url.searchParams.get('access_token') ?? (req.headers.authorization ?? '').replace(/^Bearer /i, '');
    const account = this.accessTokens.get(token);
    if (!account) {
      return send(res, 401, { error: 'invalid_token' });
    }
    if (provider === 'google' && route === 'userinfo') {
      return send(res, 200, googleUserinfo(account));
    }
    if (provider === 'github' && route === 'user') {
      return send(res, 200, { id: Number(account.id), login: `gh${account.id}`, name: account.name ?? null });
    }
    if (provider === 'github' && route === 'user/emails') {
      return send(res, 200, githubEmails(account));
    }
    send(res, 404, { error: 'not_found' });
  }

  private authorize(provider: string, url: URL, res: ServerResponse): void {
    const query = url.searchParams;
    const redirectUri = query.get('redirect_uri') ?? '';
    const back = new URL(redirectUri);
    back.searchParams.set('state', query.get('state') ?? '');
    if (!query.has('account')) {
      // A real browser lands here: a consent page with one link per registered account.
      return consentPage(url, this.accounts, res);
    }
    const account = this.accounts.get(query.get('account') ?? '');
    const pkceOk = query.get('code_challenge_method') === 'S256' && !!query.get('code_challenge');
    if (query.get('client_id') !== STAND_IN_CLIENT.id || !pkceOk || !account) {
      return send(res, 400, { error: 'invalid_request' });
    }
    if (query.get('deny') === '1') {
      back.searchParams.set('error', 'access_denied');
    } else {
      const code = randomBytes(16).toString('hex');
      this.grants.set(code, { provider, account, redirectUri, challenge: query.get('code_challenge') ?? '' });
      back.searchParams.set('code', code);
    }
    res.writeHead(302, { location: back.toString() }).end();
  }

  private token(provider: string, form: URLSearchParams, res: ServerResponse): void {
    const grant = this.grants.get(form.get('code') ?? '');
    this.grants.delete(form.get('code') ?? '');
    const verifier = form.get('code_verifier') ?? '';
    const verifierOk =
      !!grant && createHash('sha256').update(verifier).digest('base64url') === grant.challenge;
    this.tokenRequests.push({ provider, verifierOk });
    const clientOk =
      form.get('client_id') === STAND_IN_CLIENT.id && form.get('client_secret') === STAND_IN_CLIENT.secret;
    if (
      !grant ||
      grant.provider !== provider ||
      !verifierOk ||
      !clientOk ||
      form.get('redirect_uri') !== grant.redirectUri
    ) {
      return send(res, 400, { error: 'invalid_grant' });
    }
    const accessToken = randomBytes(16).toString('hex');
    this.accessTokens.set(accessToken, grant.account);
    send(res, 200, { access_token: accessToken, token_type: 'bearer', expires_in: 3600 });
  }
}

function consentPage(url: URL, accounts: Map<string, StandInAccount>, res: ServerResponse): void {
  const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const links = [...accounts.entries()].map(([key, account]) => {
    const choice = new URL(url);
    choice.searchParams.set('account', key);
    return `<li><a href="${escape(choice.toString())}">Continue as ${escape(account.name ?? account.id)}</a></li>`;
  });
  res
    .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    .end(
      `<!doctype html><title>Stand-in provider</title><h1>Choose an account</h1><ul>${links.join('')}</ul>`,
    );
}

function googleUserinfo(account: StandInAccount): Record<string, unknown> {
  const info: Record<string, unknown> = { sub: account.id, name: account.name ?? 'Google Person' };
  if (account.email) {
    info.email = account.email;
    info.email_verified = account.emailVerified ?? false;
  }
  return info;
}

function githubEmails(account: StandInAccount): Array<Record<string, unknown>> {
  const secondary = { email: `${account.id}@users.noreply.github.test`, primary: false, verified: true };
  if (!account.email) {
    return [secondary];
  }
  return [{ email: account.email, primary: true, verified: account.emailVerified ?? false }, secondary];
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

type AppLike = Pick<TestApp, 'http'>;

/**
 * A browser for OAuth flows: keeps the app's cookies (sent by path, dropped when expired) and follows
 * redirects by hand, so each hop can be inspected or tampered with.
 */
export class OAuthBrowser {
  private readonly cookies = new Map<string, { value: string; path: string }>();

  constructor(private readonly app: AppLike) {}

  /** GET on the app; answers the status, the Location (if any) and the JSON body. */
  async get(
    pathAndQuery: string,
  ): Promise<{ status: number; location?: string; body: Record<string, unknown> }> {
    const path = pathAndQuery.split('?')[0];
    const cookie = [...this.cookies.entries()]
      .filter(([, entry]) => path.startsWith(entry.path))
      .map(([name, entry]) => `${name}=${entry.value}`)
      .join('; ');
    const res = await this.app.http().get(pathAndQuery).set('Cookie', cookie);
    this.remember(res.headers['set-cookie'] as unknown as string[] | undefined);
    return { status: res.status, location: res.headers.location, body: res.body };
  }

  /** At the provider: log in as `account` (or refuse); answers the app callback path with its query. */
  async consent(authorizeUrl: string, account: string, options: { deny?: boolean } = {}): Promise<string> {
    const url = new URL(authorizeUrl);
    url.searchParams.set('account', account);
    if (options.deny) {
      url.searchParams.set('deny', '1');
    }
    const res = await fetch(url, { redirect: 'manual' });
    const location = res.headers.get('location');
    if (res.status !== 302 || !location) {
      throw new Error(`stand-in authorize answered ${res.status}: ${await res.text()}`);
    }
    const back = new URL(location);
    return `${back.pathname}${back.search}`;
  }

  dropCookie(name: string): void {
    this.cookies.delete(name);
  }

  private remember(setCookies: string[] | undefined): void {
    for (const header of setCookies ?? []) {
      const [pair, ...attributes] = header.split(';').map((part) => part.trim());
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      const attribute = (key: string) =>
        attributes.find((item) => item.toLowerCase().startsWith(`${key}=`))?.split('=')[1];
      const expired = attribute('max-age') === '0' || /1970/.test(attribute('expires') ?? '');
      if (expired || value === '') {
        this.cookies.delete(name);
      } else {
        this.cookies.set(name, { value, path: attribute('path') ?? '/' });
      }
    }
  }
}

/** The web client's origin in OAuth tests: the one `returnTo` origin the app allows. */
export const OAUTH_TEST_CLIENT = 'http://127.0.0.1:5173';

/**
 * A provider stand-in and an app whose Google and GitHub strategies use it, redirecting back only to
 * OAUTH_TEST_CLIENT; `PUBLIC_API_URL` is unreachable on purpose (the browser follows the app's own URL).
 */
export async function createOAuthTestApp(
  overrides: Record<string, string> = {},
): Promise<{ provider: OAuthStandIn; t: TestApp }> {
  const provider = await OAuthStandIn.start();
  const t = await createTestApp({
    ...provider.env(),
    PUBLIC_API_URL: 'http://127.0.0.1:9',
    OAUTH_ALLOWED_REDIRECTS: OAUTH_TEST_CLIENT,
    ...overrides,
  });
  return { provider, t };
}
