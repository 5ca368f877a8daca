import type { Page } from 'playwright-core';
import { decodedBody, SmtpSink } from '../support/smtp-sink';
import { createTestApp, uniqueName } from '../support/test-app';
import {
  expectNoSeriousA11yIssues,
  screenshot,
  signInThroughUi,
  signUpThroughUi,
  useWebApp,
  WEB_DIST,
} from './web-harness';

/** The emailed links name PUBLIC_WEB_URL; the test opens the same path and query on the app under test. */
const PUBLIC_WEB_URL = 'https://app.parley.test';

describe('signing up, in and out, email verification and password reset in the browser', () => {
  const smtp = new SmtpSink();
  const app = useWebApp({
    start: async () =>
      createTestApp({
        WEB_DIST_DIR: WEB_DIST,
        SMTP_URL: await smtp.start(),
        EMAIL_VERIFY_ON_REGISTER: 'true',
        PUBLIC_WEB_URL,
      }),
  });
  let page: Page;

  beforeEach(async () => {
    page = await app.newPage();
  });

  afterAll(() => smtp.close());

  /** The link of that path in the next email to `to`, as a path on the app under test. */
  async function emailedLink(to: string, path: string): Promise<string> {
    const body = decodedBody(await smtp.next(to));
    const match = new RegExp(`${PUBLIC_WEB_URL.replace(/\./g, '\\.')}(/${path}\\?token=[\\w-]+)`).exec(body);
    if (!match) {
      throw new Error(`no ${PUBLIC_WEB_URL}/${path} link in:\n${body}`);
    }
    return app.t.url + match[1];
  }

  async function signUp(name: string, email: string, password: string): Promise<void> {
    await signUpThroughUi(page, { name, email, password });
    await page.getByRole('link', { name: 'Settings' }).waitFor();
  }

  async function signOutFromSettings(): Promise<void> {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  }

  it('signs up, signs out and signs in again through the pages, which pass axe', async () => {
    await page.goto(`${app.t.url}/login`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await expectNoSeriousA11yIssues(page);
    // Without providers configured: no Google/GitHub buttons (test/web/oauth shoots the page with them).
    await screenshot(page, 'sign-in-password-only');
    await page.getByRole('link', { name: 'Create one' }).click();
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();
    await expectNoSeriousA11yIssues(page);
    await screenshot(page, 'sign-up');

    const email = `${uniqueName('ui')}@example.test`;
    await signUp('Ada Lovelace', email, 'analytical engine 1843');
    await signOutFromSettings();
    expect(new URL(page.url()).pathname).toBe('/login');

    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();
    await signInThroughUi(page, email, 'analytical engine 1843');
  });

  it('shows a taken email on the sign-up form', async () => {
    const email = `${uniqueName('taken')}@example.test`;
    await app.t
      .http()
      .post('/api/v1/auth/register')
      .send({ email, password: 'first owner password', displayName: 'First' });
    await smtp.next(email);
    await signUpThroughUi(page, { name: 'Second', email, password: 'another long password' });
    await page.getByText('An account with this email already exists.', { exact: true }).waitFor();
    expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
  });

  it('verifies the email from the emailed link, and settings then say so', async () => {
    const email = `${uniqueName('verify')}@example.test`;
    await signUp('Grace Hopper', email, 'cobol compiler 1959');
    const link = await emailedLink(email, 'verify-email');
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByText('Not verified').waitFor();
    await page.goto(link);
    await page.getByRole('heading', { name: 'Email verified' }).waitFor();
    await page.getByRole('link', { name: 'Go to your chats' }).click();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByText('Verified', { exact: true }).waitFor();
    // A used link says so.
    await page.goto(link);
    await page.getByRole('heading', { name: 'Link not valid' }).waitFor();
  });

  it('resets a forgotten password through the emailed link, then signs in with the new one', async () => {
    const email = `${uniqueName('forgot')}@example.test`;
    await app.t
      .http()
      .post('/api/v1/auth/register')
      .send({ email, password: 'old password 12345', displayName: 'Forgetful' });
    await smtp.next(email);
    await page.goto(`${app.t.url}/login`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByText(`If an account exists for ${email}`).waitFor();

    await page.goto(await emailedLink(email, 'reset-password'));
    await page.getByLabel(/^New password/).fill('brand new password 1');
    await page.getByLabel('Repeat the new password').fill('brand new password 2');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText('The passwords do not match.').waitFor();
    await page.getByLabel('Repeat the new password').fill('brand new password 1');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText('Your password was reset.').waitFor();
    await signInThroughUi(page, email, 'brand new password 1');
  });
});
