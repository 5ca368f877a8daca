import type { Page } from 'playwright-core';
import { registerUser } from '../support/builders';
import { createOAuthTestApp, OAuthStandIn } from '../support/oauth-provider';
import { freePort, uniqueName } from '../support/test-app';
import { expectNoSeriousA11yIssues, screenshot, signInThroughUi, useWebApp, WEB_DIST } from './web-harness';

describe('Google and GitHub sign-in in the browser, through the provider stand-in', () => {
  let provider: OAuthStandIn;
  const app = useWebApp({
    start: async () => {
      // The provider sends the browser back to PUBLIC_API_URL, and the app back to the page's own origin:
      // both are the app's URL, so its port is chosen first.
      const port = await freePort();
      const origin = `http://127.0.0.1:${port}`;
      const started = await createOAuthTestApp({
        PORT: String(port),
        PUBLIC_API_URL: origin,
        OAUTH_ALLOWED_REDIRECTS: origin,
        WEB_DIST_DIR: WEB_DIST,
      });
      provider = started.provider;
      return started.t;
    },
  });
  let page: Page;

  beforeEach(async () => {
    page = await app.newPage();
  });

  afterAll(() => provider?.close());

  const email = () => `${uniqueName('oauth')}@example.test`;
  const id = () => String(Math.floor(Math.random() * 1e12));

  it('signs in with Google through the real redirects and lands where the user was going, signed in', async () => {
    const name = `Ada ${id()}`;
    provider.account({ id: id(), name, email: email(), emailVerified: true });
    await page.goto(`${app.t.url}/settings`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByRole('link', { name: 'Continue with GitHub' }).waitFor();
    await expectNoSeriousA11yIssues(page);
    await screenshot(page, 'sign-in', { docs: true });
    await page.getByRole('link', { name: 'Continue with Google' }).click();
    await page.getByRole('link', { name: `Continue as ${name}` }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/settings');
    await page.getByText(/Linked as oauth_/).waitFor();
    // Signed in for real: a reload restores the session from the refresh cookie.
    await page.goto(`${app.t.url}/`);
    await page.getByRole('link', { name: 'Settings' }).waitFor();
  });

  it('explains an existing unverified account instead of signing in', async () => {
    const existing = await registerUser(app.t, { email: email() });
    const name = `Claimant ${id()}`;
    provider.account({ id: id(), name, email: existing.email, emailVerified: true });
    await page.goto(`${app.t.url}/login`);
    await page.getByRole('link', { name: 'Continue with GitHub' }).click();
    await page.getByRole('link', { name: `Continue as ${name}` }).click();
    await page.getByRole('heading', { name: 'Could not sign you in' }).waitFor();
    await page
      .getByText(/Sign in with your email and password, then link this provider in Settings/)
      .waitFor();
  });

  it('links GitHub to a password account from settings', async () => {
    const user = await registerUser(app.t);
    const name = `Linker ${id()}`;
    provider.account({ id: id(), name, email: email(), emailVerified: false });
    await page.goto(`${app.t.url}/login`);
    await signInThroughUi(page, user.email, user.password);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Link GitHub' }).click();
    await page.getByRole('link', { name: `Continue as ${name}` }).click();
    await page.getByText('GitHub is now linked: you can sign in with it.').waitFor();
    await page.getByRole('button', { name: 'Unlink GitHub' }).click();
    await page.getByRole('button', { name: 'Link GitHub' }).waitFor();
  });
});
