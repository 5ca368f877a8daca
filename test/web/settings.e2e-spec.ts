import type { Page } from 'playwright-core';
import { registerUser } from '../support/builders';
import { eventually } from '../support/eventually';
import { expectNoSeriousA11yIssues, screenshot, signInThroughUi, useWebApp } from './web-harness';

describe('the settings page in the browser', () => {
  const app = useWebApp();

  /** A separate browser profile (its own cookies: another device) signed in as the user, on the chat. */
  async function device(user: { email: string; password: string }): Promise<Page> {
    const page = await app.newPage();
    await page.goto('/login');
    await signInThroughUi(page, user.email, user.password);
    return page;
  }

  async function openSettings(page: Page): Promise<void> {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  }

  /** The "Sign out <device>" buttons of the other sessions (the header's "Sign out" is exact). */
  const otherDeviceSignOuts = (page: Page) =>
    page.getByRole('listitem').getByRole('button', { name: /^Sign out .+/ });

  it('signs another device out, which lands on the sign-in page at once', async () => {
    const user = await registerUser(app.t);
    const laptop = await device(user);
    const phone = await device(user);
    await openSettings(laptop);
    await laptop.getByText('This device', { exact: true }).waitFor();
    await otherDeviceSignOuts(laptop).first().waitFor();
    expect(await otherDeviceSignOuts(laptop).count()).toBe(2); // the API sign-up is a device too
    // Newest first among the others (and online first): the phone.
    await otherDeviceSignOuts(laptop).first().click();
    await phone.getByRole('heading', { name: 'Sign in' }).waitFor();
    await phone.getByText('This device was signed out.').waitFor();
    await eventually(async () => expect(await laptop.locator('.sessions li button').count()).toBe(1));
  });

  it('signs out of all other devices and stays signed in here', async () => {
    const user = await registerUser(app.t);
    const laptop = await device(user);
    const phone = await device(user);
    await openSettings(laptop);
    await laptop.getByRole('button', { name: 'Sign out of all other devices' }).click();
    await laptop.getByText('Every other device was signed out.').waitFor();
    await phone.getByRole('heading', { name: 'Sign in' }).waitFor();
    await laptop.getByText('You are not signed in anywhere else.').waitFor();
    await laptop.reload();
    await laptop.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  });

  it('saves the profile and privacy choice, and passes axe', async () => {
    const user = await registerUser(app.t, { displayName: 'Katherine Johnson' });
    const page = await device(user);
    await openSettings(page);
    await page.getByRole('heading', { name: 'Where you are signed in' }).waitFor();
    await page.getByText('You have not blocked anyone.').waitFor();
    await expectNoSeriousA11yIssues(page);
    await screenshot(page, 'settings', { docs: true });

    await page.getByLabel('Display name').fill('Katherine G. Johnson');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByText('Name saved.').waitFor();
    await page.getByLabel(/Hide my “last seen” time/).check();
    await page.getByText('Last seen is hidden.').waitFor();
    const me = await app.t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password });
    expect(me.body.user).toMatchObject({ displayName: 'Katherine G. Johnson', hideLastSeen: true });

    await page.getByLabel('Dark').check();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await screenshot(page, 'settings-dark');
    await page.getByLabel('Same as the system').check();
  });

  it('shows and lifts a block', async () => {
    const user = await registerUser(app.t);
    const other = await registerUser(app.t, { displayName: 'Blocked Person' });
    await app.t
      .http()
      .put(`/api/v1/users/me/blocks/${other.id}`)
      .set('Authorization', `Bearer ${user.accessToken}`);
    const page = await device(user);
    await openSettings(page);
    await page.getByRole('button', { name: 'Unblock Blocked Person' }).click();
    await page.getByText('You have not blocked anyone.').waitFor();
  });
});
