import { registerUser } from '../support/builders';
import { createOAuthTestApp, OAUTH_TEST_CLIENT, OAuthBrowser, OAuthStandIn } from '../support/oauth-provider';
import { createTestApp, TestApp, uniqueName } from '../support/test-app';

const CLIENT = OAUTH_TEST_CLIENT;

describe('OAuth login (Google, GitHub) through the real strategies', () => {
  let provider: OAuthStandIn;
  let t: TestApp;

  beforeAll(async () => {
    ({ provider, t } = await createOAuthTestApp());
  });

  afterAll(async () => {
    await t.close();
    await provider.close();
  });

  const email = () => `${uniqueName('oauth')}@example.test`;
  const id = () => String(Math.floor(Math.random() * 1e12));

  /** Start, consent, callback; answers the final redirect to the client. */
  async function login(
    browser: OAuthBrowser,
    name: 'google' | 'github',
    account: string,
    start = `/api/v1/auth/${name}?returnTo=${encodeURIComponent(`${CLIENT}/done`)}`,
  ): Promise<URL> {
    const started = await browser.get(start);
    expect(started.status).toBe(302);
    const callback = await browser.get(await browser.consent(started.location ?? '', account));
    expect({ status: callback.status, body: callback.body }).toMatchObject({ status: 302 });
    return new URL(callback.location ?? '');
  }

  async function exchange(code: string | null) {
    return t.http().post('/api/v1/auth/oauth/exchange').send({ code });
  }

  it('creates a verified user on a first Google login and hands a one-time code, never a token', async () => {
    const address = email();
    const account = provider.account({ id: id(), name: 'Gia Google', email: address, emailVerified: true });
    const back = await login(new OAuthBrowser(t), 'google', account);
    expect(back.origin + back.pathname).toBe(`${CLIENT}/done`);
    expect([...back.searchParams.keys()]).toEqual(['code']);
    expect(provider.tokenRequests.at(-1)).toEqual({ provider: 'google', verifierOk: true });

    const res = await exchange(back.searchParams.get('code'));
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({
      email: address,
      emailVerified: true,
      displayName: 'Gia Google',
      identities: [{ provider: 'google' }],
    });
    expect(res.headers['set-cookie']?.[0]).toMatch(/^parley_refresh=.+HttpOnly/);
    const me = await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${res.body.accessToken}`);
    expect(me.body.user.id).toBe(res.body.user.id);
  });

  it('logs the same Google account into the same user the second time', async () => {
    const account = provider.account({ id: id(), email: email(), emailVerified: true });
    const first = await exchange(
      (await login(new OAuthBrowser(t), 'google', account)).searchParams.get('code'),
    );
    const second = await exchange(
      (await login(new OAuthBrowser(t), 'google', account)).searchParams.get('code'),
    );
    expect(second.body.user.id).toBe(first.body.user.id);
  });

  it('gives two concurrent first logins of one provider account the same single user', async () => {
    const account = provider.account({ id: id(), name: 'Racer' });
    const backs = await Promise.all([
      login(new OAuthBrowser(t), 'github', account),
      login(new OAuthBrowser(t), 'github', account),
    ]);
    const [first, second] = await Promise.all(backs.map((back) => exchange(back.searchParams.get('code'))));
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body.user.id).toBe(first.body.user.id);
  });

  it('logs in with GitHub, taking the primary verified address', async () => {
    const address = email();
    const account = provider.account({ id: id(), name: 'Hub Person', email: address, emailVerified: true });
    const res = await exchange(
      (await login(new OAuthBrowser(t), 'github', account)).searchParams.get('code'),
    );
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({
      email: address,
      emailVerified: true,
      identities: [{ provider: 'github' }],
    });
  });

  it('creates a GitHub user without an email when there is no primary address', async () => {
    const account = provider.account({ id: id(), name: 'No Mail' });
    const res = await exchange(
      (await login(new OAuthBrowser(t), 'github', account)).searchParams.get('code'),
    );
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: null, emailVerified: false, displayName: 'No Mail' });
  });

  it('makes the exchange code single use', async () => {
    const account = provider.account({ id: id(), email: email(), emailVerified: true });
    const code = (await login(new OAuthBrowser(t), 'google', account)).searchParams.get('code');
    expect((await exchange(code)).status).toBe(200);
    const again = await exchange(code);
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('OAUTH_CODE_INVALID');
  });

  it('rejects a forged state with a 401 and never reaches the token endpoint', async () => {
    const browser = new OAuthBrowser(t);
    const started = await browser.get(`/api/v1/auth/google?returnTo=${encodeURIComponent(CLIENT)}`);
    const callback = await browser.consent(started.location ?? '', provider.account({ id: id() }));
    const forged = callback.replace(/state=[^&]+/, 'state=forged-state');
    const before = provider.tokenRequests.length;
    const res = await browser.get(forged);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('OAUTH_STATE_MISMATCH');
    expect(provider.tokenRequests.length).toBe(before);
  });

  it('refuses a callback from a browser without the state cookie (login CSRF) and burns the state', async () => {
    const victim = new OAuthBrowser(t);
    const attacker = new OAuthBrowser(t);
    const started = await attacker.get(`/api/v1/auth/google?returnTo=${encodeURIComponent(CLIENT)}`);
    const callback = await attacker.consent(started.location ?? '', provider.account({ id: id() }));

    const res = await victim.get(callback);
    expect(res.status).toBe(302);
    expect(new URL(res.location ?? '').searchParams.get('error')).toBe('state_mismatch');
    const replay = await attacker.get(callback);
    expect(replay.status).toBe(401);
  });

  it('sends the user back with error=access_denied when consent is refused', async () => {
    const browser = new OAuthBrowser(t);
    const started = await browser.get(`/api/v1/auth/github?returnTo=${encodeURIComponent(`${CLIENT}/x`)}`);
    const callback = await browser.consent(started.location ?? '', provider.account({ id: id() }), {
      deny: true,
    });
    const res = await browser.get(callback);
    expect(res.status).toBe(302);
    const back = new URL(res.location ?? '');
    expect(back.pathname).toBe('/x');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('code')).toBeNull();
  });

  it.each(['//evil.example/', 'https://evil.example/', 'javascript:alert(1)', `${CLIENT}.evil.example/`])(
    'refuses returnTo %s before going to the provider',
    async (returnTo) => {
      const res = await new OAuthBrowser(t).get(
        `/api/v1/auth/google?returnTo=${encodeURIComponent(returnTo)}`,
      );
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('OAUTH_RETURN_TO_NOT_ALLOWED');
    },
  );

  it('sends a PKCE S256 challenge whose verifier the provider checks at the token endpoint', async () => {
    const browser = new OAuthBrowser(t);
    const started = await browser.get(`/api/v1/auth/google?returnTo=${encodeURIComponent(CLIENT)}`);
    const authorize = new URL(started.location ?? '');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    // An attacker who swaps the challenge cannot redeem the code with the server's verifier.
    authorize.searchParams.set('code_challenge', 'A'.repeat(43));
    const res = await browser.get(
      await browser.consent(authorize.toString(), provider.account({ id: id() })),
    );
    expect(res.status).toBe(302);
    expect(new URL(res.location ?? '').searchParams.get('error')).toBe('provider_error');
    expect(provider.tokenRequests.at(-1)).toEqual({ provider: 'google', verifierOk: false });
  });

  it('treats operator-shaped callback input as plain text: no login, a 4xx', async () => {
    const res = await new OAuthBrowser(t).get('/api/v1/auth/google/callback?state[$ne]=x&code=y');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('OAUTH_STATE_MISMATCH');
  });

  it('lists the configured providers to anyone, so a sign-in page shows only those', async () => {
    const res = await t.http().get('/api/v1/auth/providers');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ providers: ['github', 'google'] });
  });

  it('answers 404 for a provider without a client id, and lists none', async () => {
    const bare = await createTestApp({ OAUTH_ALLOWED_REDIRECTS: CLIENT });
    try {
      const res = await bare.http().get('/api/v1/auth/google');
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('OAUTH_PROVIDER_DISABLED');
      expect((await bare.http().get('/api/v1/auth/providers')).body).toEqual({ providers: [] });
    } finally {
      await bare.close();
    }
  });

  it('keeps a local password account whose email a provider also claims unmerged', async () => {
    const local = await registerUser(t, { email: email() });
    const account = provider.account({ id: id(), email: local.email, emailVerified: true });
    const back = await login(new OAuthBrowser(t), 'google', account);
    expect(back.searchParams.get('error')).toBe('account_exists_unverified');
    expect(back.searchParams.get('code')).toBeNull();
  });
});
