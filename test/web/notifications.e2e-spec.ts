import type { Page } from 'playwright-core';
import { registerUser } from '../support/builders';
import { recordProblems, saveScreenshot } from '../support/browser';
import { groupConversation, sendText } from '../support/chat-builders';
import { eventually } from '../support/eventually';
import { react } from '../support/inbox';
import { testEnv } from '../support/test-app';
import { unsubscribeKey, unsubscribeToken } from '../../src/notifications/digest/unsubscribe-token';
import {
  bell,
  entry,
  notificationList,
  openCenter,
  readAll,
  signedIn,
  untilUnread,
} from './notification-pages';
import { expectNoSeriousA11yIssues, screenshot, useWebApp } from './web-harness';

describe('the notification center in the browser', () => {
  const app = useWebApp();

  /** A group of Bo's with Ana in it, every notification of its setup already read. */
  async function teamOf() {
    const ana = await registerUser(app.t, { displayName: 'Ana Lima' });
    const bo = await registerUser(app.t, { displayName: 'Bo Chen' });
    const groupId = await groupConversation(app.t, bo, [ana]);
    await untilUnread(app.t, ana, 1); // "Bo Chen added you to Team"
    await readAll(app.t, ana);
    return { ana, bo, groupId };
  }

  // A string (the test tsconfig has no DOM types), evaluated once per try.
  const focusedId = (page: Page) => page.evaluate<string>("document.activeElement?.id ?? ''");

  it('raises the bell live for a mention from someone else, and its entry opens the message', async () => {
    const { ana, bo, groupId } = await teamOf();
    const page = await signedIn(app, ana);
    const problems = recordProblems(page);
    await bell(page, 0).waitFor();

    const mention = await sendText(app.t, bo, groupId, `@${ana.id} can you review the draft?`);
    await bell(page, 1).waitFor();

    await openCenter(page);
    const item = entry(page, 'Bo Chen mentioned you in Team');
    await item.waitFor();
    await item.getByText('Unread,').waitFor();
    await item.getByText('just now').waitFor();
    await expectNoSeriousA11yIssues(page);
    await screenshot(page, 'notification-center', { docs: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoSeriousA11yIssues(page);
    await screenshot(page, 'notification-center-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    await item.getByRole('link', { name: 'Bo Chen mentioned you in Team' }).click();
    await page.getByRole('heading', { name: 'Team', level: 2 }).waitFor();
    await eventually(async () => expect(await focusedId(page)).toBe(`msg-${mention.id}`), 10_000, 100);
    await eventually(async () => expect(new URL(page.url()).search).toBe(''));
    await bell(page, 0).waitFor();

    // Read: still listed, no longer unread.
    await openCenter(page);
    await entry(page, 'Bo Chen mentioned you in Team').waitFor();
    expect(await entry(page, 'Bo Chen mentioned you in Team').getByText('Unread,').count()).toBe(0);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors.filter((text) => /Content.Security.Policy/i.test(text))).toEqual([]);
  }, 120_000);

  it('keeps two pages of one user in step: read on one, the other follows', async () => {
    const { ana, bo, groupId } = await teamOf();
    const otherGroup = await groupConversation(app.t, bo, [ana]);
    await untilUnread(app.t, ana, 1);
    await readAll(app.t, ana);
    const laptop = await signedIn(app, ana);
    const phone = await signedIn(app, ana);
    await openCenter(phone);

    await sendText(app.t, bo, groupId, `@${ana.id} first`);
    const reply = await sendText(app.t, ana, otherGroup, 'My message');
    await react(app.t, bo, otherGroup, reply.id, '👍');
    await bell(laptop, 2).waitFor();
    await bell(phone, 2).waitFor();
    await entry(phone, 'Bo Chen reacted 👍 to your message in Team').waitFor();

    await openCenter(laptop);
    await entry(laptop, 'Bo Chen mentioned you in Team')
      .getByRole('button', { name: 'Mark as read: Bo Chen mentioned you in Team' })
      .click();
    await bell(phone, 1).waitFor();
    await eventually(async () =>
      expect(await entry(phone, 'Bo Chen mentioned you in Team').getByText('Unread,').count()).toBe(0),
    );

    // Only unread ones, on the phone; then everything read from the laptop empties that list live.
    await phone.getByLabel('Unread only').check();
    await entry(phone, 'Bo Chen reacted 👍 to your message').waitFor();
    expect(await notificationList(phone).getByRole('listitem').count()).toBe(1);
    await laptop.getByRole('button', { name: 'Mark all as read' }).click();
    await bell(phone, 0).waitFor();
    await bell(laptop, 0).waitFor();
    await phone.getByText('You are all caught up.').waitFor();

    // A deletion on the phone leaves the laptop's list too.
    await phone.getByLabel('Unread only').uncheck();
    await entry(phone, 'Bo Chen mentioned you in Team')
      .getByRole('button', { name: 'Delete: Bo Chen mentioned you in Team' })
      .click();
    await entry(laptop, 'Bo Chen mentioned you in Team').waitFor({ state: 'detached' });
    await entry(laptop, 'Bo Chen reacted 👍 to your message in Team').waitFor();
  }, 120_000);

  it('loads older entries with "Load more"', async () => {
    const { ana, bo, groupId } = await teamOf();
    const mine = [];
    for (let index = 1; index <= 21; index += 1) {
      mine.push(await sendText(app.t, ana, groupId, `Message ${index}`));
    }
    for (const message of mine) {
      await react(app.t, bo, groupId, message.id, '🎉');
    }
    await untilUnread(app.t, ana, 21);
    const page = await signedIn(app, ana);
    await bell(page, 21).waitFor();
    await openCenter(page);
    const items = notificationList(page).getByRole('listitem');
    await eventually(async () => expect(await items.count()).toBe(20), 10_000, 100);
    await page.getByRole('button', { name: 'Load more' }).click();
    // The 21 reactions and, oldest, the (read) entry for being added to the group.
    await eventually(async () => expect(await items.count()).toBe(22), 10_000, 100);
    await entry(page, 'Bo Chen added you to Team').waitFor();
    await page.getByRole('button', { name: 'Load more' }).waitFor({ state: 'detached' });
  }, 120_000);

  it('saves a conversation’s level and mute, kept after a reload', async () => {
    const { ana, groupId } = await teamOf();
    const page = await signedIn(app, ana);
    await page.getByRole('link', { name: /^Team/ }).click();
    await page.getByRole('heading', { name: 'Team', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Conversation menu' }).click();
    await page.getByRole('menuitem', { name: 'Notification settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Notification settings' });
    await dialog.getByLabel(/Mentions and replies only/).check();
    await page
      .getByRole('status')
      .filter({ hasText: 'Notify me about: Mentions and replies only' })
      .waitFor();
    await dialog.getByRole('button', { name: 'For 8 hours' }).click();
    await dialog.getByText(/Muted until (\w{3} )?\d\d:\d\d/).waitFor();
    await expectNoSeriousA11yIssues(page);
    await saveScreenshot(page, 'conversation-notification-settings');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('link', { name: /^Team, muted/ }).waitFor();

    await page.reload();
    await page.getByRole('link', { name: /^Team, muted/ }).click();
    await page.getByRole('button', { name: 'Conversation menu' }).click();
    await page.getByRole('menuitem', { name: 'Notification settings' }).click();
    expect(await dialog.getByLabel(/Mentions and replies only/).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Unmute' }).click();
    await dialog.getByRole('group', { name: 'Mute this conversation' }).waitFor();
    const me = await app.t
      .http()
      .get('/api/v1/conversations')
      .set('Authorization', `Bearer ${ana.accessToken}`);
    expect(me.body.items.find((item: { id: string }) => item.id === groupId)).toMatchObject({
      notify: 'mentions',
      muted: false,
      mutedUntil: null,
    });
  }, 120_000);

  it('saves the account’s notification settings, kept after a reload', async () => {
    const ana = await registerUser(app.t, { displayName: 'Ana Settings' });
    const page = await signedIn(app, ana);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await page.getByLabel('Send the email when still unread after').selectOption({ label: '1 hour' });
    await page.getByLabel(/^Email digests/).uncheck();
    await page.getByLabel(/^Pause push and email every day/).check();
    await page.getByLabel('Quiet hours start', { exact: true }).fill('22:30');
    await page.getByLabel('Quiet hours end', { exact: true }).fill('06:45');
    await page.getByLabel('Time zone', { exact: true }).selectOption('Europe/Lisbon');
    await page.getByRole('button', { name: 'Save notification settings' }).click();
    await page.getByText('Notification settings saved.').waitFor();
    await expectNoSeriousA11yIssues(page);
    await page
      .getByRole('region', { name: 'Notifications' })
      .evaluate('(el) => el.scrollIntoView({ block: "start" })');
    await screenshot(page, 'settings-notification-preferences', { docs: true });

    await page.reload();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await page.getByLabel('Quiet hours start', { exact: true }).waitFor();
    expect(await page.getByLabel(/^Email digests/).isChecked()).toBe(false);
    expect(await page.getByLabel('Quiet hours start', { exact: true }).inputValue()).toBe('22:30');
    expect(await page.getByLabel('Quiet hours end', { exact: true }).inputValue()).toBe('06:45');
    expect(await page.getByLabel('Time zone', { exact: true }).inputValue()).toBe('Europe/Lisbon');
    const saved = await app.t
      .http()
      .get('/api/v1/users/me/notification-settings')
      .set('Authorization', `Bearer ${ana.accessToken}`);
    expect(saved.body).toEqual({
      emailDigest: false,
      emailDelayMinutes: 60,
      push: true,
      quietHours: { start: '22:30', end: '06:45', timeZone: 'Europe/Lisbon' },
    });
  }, 120_000);

  it('unsubscribes from email digests only when asked, signed out, and explains a bad link', async () => {
    const ana = await registerUser(app.t, { displayName: 'Ana Mail' });
    const token = unsubscribeToken(unsubscribeKey(testEnv().JWT_ACCESS_SECRET), ana.id);
    const digestOn = async () =>
      (
        await app.t
          .http()
          .get('/api/v1/users/me/notification-settings')
          .set('Authorization', `Bearer ${ana.accessToken}`)
      ).body.emailDigest as boolean;

    const page = await app.newPage();
    await page.goto(`/unsubscribe?token=${token}`);
    await page.getByRole('heading', { name: 'Unsubscribe from email digests' }).waitFor();
    // Opening the link changes nothing: mail scanners open links.
    expect(await digestOn()).toBe(true);
    await expectNoSeriousA11yIssues(page);
    await screenshot(page, 'unsubscribe');
    await page.getByRole('button', { name: 'Unsubscribe', exact: true }).click();
    await page.getByRole('heading', { name: 'You are unsubscribed' }).waitFor();
    expect(await digestOn()).toBe(false);

    await page.goto(`/unsubscribe?token=${ana.id}${'A'.repeat(43)}`);
    await page.getByRole('button', { name: 'Unsubscribe', exact: true }).click();
    await page.getByRole('heading', { name: 'Link not valid' }).waitFor();
    await page.getByRole('alert').filter({ hasText: 'This unsubscribe link is invalid' }).waitFor();
    await expectNoSeriousA11yIssues(page);
    await page.goto('/unsubscribe');
    await page.getByRole('heading', { name: 'Link not valid' }).waitFor();
  }, 120_000);
});
