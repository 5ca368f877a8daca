import type { Locator, Page } from 'playwright-core';
import { bearer, RegisteredUser } from '../support/builders';
import { eventually } from '../support/eventually';
import { TestApp } from '../support/test-app';
import { signInThroughUi, WebApp } from './web-harness';

/** A browser profile of its own (its own cookies: a device) signed in as `user`, on the chat. */
export async function signedIn(app: WebApp, user: RegisteredUser): Promise<Page> {
  const page = await app.newPage();
  await page.goto('/login');
  await signInThroughUi(page, user.email, user.password);
  await page.getByRole('button', { name: 'New chat' }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  return page;
}

/** The sidebar's bell, named with the unread count: `Notifications, 3 unread`, or `Notifications` for none. */
export function bell(page: Page, unread: number): Locator {
  return page.getByRole('link', {
    name: unread > 0 ? `Notifications, ${unread} unread` : 'Notifications',
    exact: true,
  });
}

export function notificationList(page: Page): Locator {
  return page.getByRole('list', { name: 'Notifications' });
}

/** The entry whose sentence is `text`. */
export function entry(page: Page, text: string): Locator {
  return notificationList(page).getByRole('listitem').filter({ hasText: text });
}

export async function openCenter(page: Page): Promise<void> {
  await page.getByRole('link', { name: /^Notifications/ }).click();
  await page.getByRole('heading', { name: 'Notifications', level: 2 }).waitFor();
}

/** The user's unread count through the API. */
export async function unreadCountOf(t: TestApp, user: RegisteredUser): Promise<number> {
  const res = await t
    .http()
    .get('/api/v1/notifications/unread-count')
    .set(...bearer(user));
  if (res.status !== 200) {
    throw new Error(`unread-count failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body.unreadCount as number;
}

/** Waits until the server has delivered the entries a test caused (delivery is off the send path). */
export async function untilUnread(t: TestApp, user: RegisteredUser, expected: number): Promise<void> {
  await eventually(async () => expect(await unreadCountOf(t, user)).toBe(expected), 15_000, 100);
}

/** Marks everything read through the API (a clean slate after setting up groups, which notify the added). */
export async function readAll(t: TestApp, user: RegisteredUser): Promise<void> {
  const res = await t
    .http()
    .post('/api/v1/notifications/read-all')
    .set(...bearer(user))
    .send({});
  if (res.status !== 200 && res.status !== 201) {
    throw new Error(`read-all failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
}
