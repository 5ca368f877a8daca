import { bearer, registerUser } from '../support/builders';
import { createOAuthTestApp, OAUTH_TEST_CLIENT, OAuthBrowser, OAuthStandIn } from '../support/oauth-provider';
import { TestApp, uniqueName } from '../support/test-app';

const CLIENT = OAUTH_TEST_CLIENT;

describe('OAuth identity linking', () => {
  let provider: OAuthStandIn;
  let t: TestApp;

  beforeAll(async () => {
    ({ provider, t } = await createOAuthTestApp());
  });

  afterAll(async () => {
    await t.close();
    await provider.close();
  });

  const email = () => `${uniqueName('link')}@example.test`;
  const id = () => String(Math.floor(Math.random() * 1e12));
  /** Twelve digits: a subject id that cannot turn up in a response by chance. */
  const subjectId = () => String(1e11 + Math.floor(Math.random() * 9e11));
  const providers = (user: { identities: Array<{ provider: string }> }) =>
    user.identities.map((identity) => identity.provider);

  /** Follows a flow from its start path to the redirect back to the client. */
  async function follow(start: string, account: string): Promise<URL> {
    const browser = new OAuthBrowser(t);
    const started = await browser.get(start);
    expect(started.status).toBe(302);
    const callback = await browser.get(await browser.consent(started.location ?? '', account));
    expect(callback.status).toBe(302);
    return new URL(callback.location ?? '');
  }

  /** A full provider login; answers the exchange response (or the redirect error). */
  async function login(name: 'google' | 'github', account: string) {
    const back = await follow(`/api/v1/auth/${name}?returnTo=${encodeURIComponent(CLIENT)}`, account);
    const code = back.searchParams.get('code');
    if (!code) {
      return { error: back.searchParams.get('error'), user: undefined, accessToken: undefined };
    }
    const res = await t.http().post('/api/v1/auth/oauth/exchange').send({ code });
    expect(res.status).toBe(200);
    return { error: null, user: res.body.user, accessToken: res.body.accessToken as string };
  }

  /** The explicit link flow a logged-in client starts: ticket over the API, then a browser navigation. */
  async function link(accessToken: string, name: 'google' | 'github', account: string): Promise<URL> {
    const ticket = await t
      .http()
      .post('/api/v1/auth/oauth/link-ticket')
      .set(...bearer({ accessToken }))
      .send({ provider: name, returnTo: `${CLIENT}/settings` });
    expect(ticket.status).toBe(200);
    const url = new URL(ticket.body.url);
    return follow(`${url.pathname}${url.search}`, account);
  }

  it('links a Google login to a GitHub-created account when both say the email is verified', async () => {
    const address = email();
    const viaGithub = await login(
      'github',
      provider.account({ id: id(), email: address, emailVerified: true }),
    );
    const viaGoogle = await login(
      'google',
      provider.account({ id: id(), email: address, emailVerified: true }),
    );
    expect(viaGoogle.user.id).toBe(viaGithub.user.id);
    expect(providers(viaGoogle.user)).toEqual(['github', 'google']);
  });

  it('does not link when the existing account has not verified its email', async () => {
    const local = await registerUser(t, { email: email() });
    const result = await login(
      'github',
      provider.account({ id: id(), email: local.email, emailVerified: true }),
    );
    expect(result.error).toBe('account_exists_unverified');
  });

  it('does not link a GitHub account whose primary email is unverified', async () => {
    const address = email();
    const google = provider.account({ id: id(), email: address, emailVerified: true });
    const owner = await login('google', google);
    const result = await login(
      'github',
      provider.account({ id: id(), email: address, emailVerified: false }),
    );
    expect(result.error).toBe('account_exists_unverified');
    const again = await login('google', google);
    expect(again.user.id).toBe(owner.user.id);
    expect(providers(again.user)).toEqual(['google']);
  });

  it('refuses a second Google account for a user who already has one', async () => {
    const address = email();
    await login('google', provider.account({ id: id(), email: address, emailVerified: true }));
    const second = await login('google', provider.account({ id: id(), email: address, emailVerified: true }));
    expect(second.error).toBe('already_linked');
  });

  it('gives a new account no email when the provider has not verified it', async () => {
    const result = await login(
      'google',
      provider.account({ id: id(), email: email(), emailVerified: false }),
    );
    expect(result.user).toMatchObject({ email: null, emailVerified: false });
  });

  it('links explicitly with a one-time ticket, then logs in through the linked provider', async () => {
    const local = await registerUser(t, { email: email() });
    const account = provider.account({ id: id(), email: email(), emailVerified: true });
    const back = await link(local.accessToken, 'github', account);
    expect(`${back.origin}${back.pathname}`).toBe(`${CLIENT}/settings`);
    expect(back.searchParams.get('linked')).toBe('github');

    const viaGithub = await login('github', account);
    expect(viaGithub.user.id).toBe(local.id);
    expect(providers(viaGithub.user)).toEqual(['local', 'github']);
  });

  it('lists linked providers with their email and link time, never their subject id, in every user response', async () => {
    const local = await registerUser(t, { email: email() });
    const googleEmail = email();
    const subjects = [subjectId(), subjectId()];
    const google = provider.account({ id: subjects[0], email: googleEmail, emailVerified: true });
    const linkedFrom = Date.now();
    await link(local.accessToken, 'google', google);
    // No primary address at GitHub: that identity has no email.
    await link(local.accessToken, 'github', provider.account({ id: subjects[1] }));
    const linkedUntil = Date.now();

    const responses = [
      await t
        .http()
        .get('/api/v1/users/me')
        .set(...bearer(local)),
      await t
        .http()
        .patch('/api/v1/users/me')
        .set(...bearer(local))
        .send({ displayName: 'Linked' }),
      await t
        .http()
        .get('/api/v1/auth/me')
        .set(...bearer(local)),
      await t.http().post('/api/v1/auth/login').send({ email: local.email, password: local.password }),
    ];
    expect(responses.map((res) => res.status)).toEqual([200, 200, 200, 200]);
    const [me] = responses;
    expect(me.body.user.identities).toEqual([
      { provider: 'local' },
      { provider: 'github', email: null, linkedAt: expect.any(String) },
      { provider: 'google', email: googleEmail, linkedAt: expect.any(String) },
    ]);
    for (const identity of me.body.user.identities.slice(1)) {
      expect(Date.parse(identity.linkedAt)).toBeGreaterThanOrEqual(linkedFrom);
      expect(Date.parse(identity.linkedAt)).toBeLessThanOrEqual(linkedUntil);
    }
    const viaGoogle = await login('google', google);
    for (const body of [...responses.map((res) => res.body), viaGoogle]) {
      expect(body.user.identities).toEqual(me.body.user.identities);
      for (const subject of subjects) {
        expect(JSON.stringify(body)).not.toContain(subject);
      }
    }
  });

  it('makes the link ticket single use', async () => {
    const local = await registerUser(t);
    const ticket = await t
      .http()
      .post('/api/v1/auth/oauth/link-ticket')
      .set(...bearer(local))
      .send({ provider: 'google' });
    const url = new URL(ticket.body.url);
    const browser = new OAuthBrowser(t);
    expect((await browser.get(`${url.pathname}${url.search}`)).status).toBe(302);
    const again = await browser.get(`${url.pathname}${url.search}`);
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('OAUTH_LINK_TICKET_INVALID');
  });

  it('requires authentication for a link ticket', async () => {
    const res = await t.http().post('/api/v1/auth/oauth/link-ticket').send({ provider: 'google' });
    expect(res.status).toBe(401);
  });

  it('refuses to link a provider account that belongs to another user', async () => {
    const account = provider.account({ id: id(), email: email(), emailVerified: true });
    await login('github', account);
    const other = await registerUser(t);
    const back = await link(other.accessToken, 'github', account);
    expect(back.searchParams.get('error')).toBe('linked_to_another_user');
  });

  it('unlinks a provider from an account that keeps its password', async () => {
    const local = await registerUser(t);
    const account = provider.account({ id: id(), email: email(), emailVerified: true });
    await link(local.accessToken, 'google', account);
    const res = await t
      .http()
      .delete('/api/v1/auth/identities/google')
      .set(...bearer(local));
    expect(res.status).toBe(204);
    const viaGoogle = await login('google', account);
    expect(viaGoogle.user.id).not.toBe(local.id);
  });

  it('no longer lists a provider once it is unlinked', async () => {
    const local = await registerUser(t);
    await link(
      local.accessToken,
      'google',
      provider.account({ id: id(), email: email(), emailVerified: true }),
    );
    await link(local.accessToken, 'github', provider.account({ id: id() }));
    const me = () =>
      t
        .http()
        .get('/api/v1/users/me')
        .set(...bearer(local));
    expect(providers((await me()).body.user)).toEqual(['local', 'github', 'google']);

    const unlinked = await t
      .http()
      .delete('/api/v1/auth/identities/google')
      .set(...bearer(local));
    expect(unlinked.status).toBe(204);
    expect(providers((await me()).body.user)).toEqual(['local', 'github']);
  });

  it('refuses to unlink the last way to log in, and allows it once another provider is linked', async () => {
    const account = provider.account({ id: id(), email: email(), emailVerified: true });
    const user = await login('google', account);
    const accessToken = user.accessToken ?? '';
    const refused = await t
      .http()
      .delete('/api/v1/auth/identities/google')
      .set(...bearer({ accessToken }));
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('LAST_LOGIN_METHOD');

    await link(accessToken, 'github', provider.account({ id: id() }));
    const allowed = await t
      .http()
      .delete('/api/v1/auth/identities/google')
      .set(...bearer({ accessToken }));
    expect(allowed.status).toBe(204);
  });

  it('never lets two concurrent unlinks leave the account without a login', async () => {
    // No email: a login through an unlinked provider would create a new user, not re-link this one.
    const google = provider.account({ id: id() });
    const user = await login('google', google);
    const accessToken = user.accessToken ?? '';
    const github = provider.account({ id: id() });
    await link(accessToken, 'github', github);

    const results = await Promise.all(
      ['google', 'github'].map((name) =>
        t
          .http()
          .delete(`/api/v1/auth/identities/${name}`)
          .set(...bearer({ accessToken })),
      ),
    );
    expect(results.map((res) => res.status)).toContain(409);
    const survivors = await Promise.all([login('google', google), login('github', github)]);
    expect(survivors.some((result) => result.user?.id === user.user.id)).toBe(true);
  });

  it('answers 404 when unlinking a provider that is not linked, 400 for an unknown provider', async () => {
    const local = await registerUser(t);
    const missing = await t
      .http()
      .delete('/api/v1/auth/identities/github')
      .set(...bearer(local));
    expect(missing.status).toBe(404);
    const unknown = await t
      .http()
      .delete('/api/v1/auth/identities/myspace')
      .set(...bearer(local));
    expect(unknown.status).toBe(400);
  });
});
