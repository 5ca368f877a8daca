import type { MongoClient } from 'mongodb';
import type { Page } from 'playwright-core';
import { registerUser, RegisteredUser } from '../support/builders';
import { recordProblems, saveScreenshot } from '../support/browser';
import { groupConversation, sendText } from '../support/chat-builders';
import { registerWithRole, reportOf, resolveReport } from '../support/moderation';
import { connectTestMongo } from '../support/test-app';
import { expectNoSeriousA11yIssues, signInThroughUi, useWebApp } from './web-harness';

describe('moderation in the browser', () => {
  const app = useWebApp();
  let mongo: MongoClient;

  beforeAll(async () => {
    mongo = await connectTestMongo();
  });

  afterAll(() => mongo?.close());

  /** A browser profile of its own (cookies: a device) signed in as `user`, on the chat. */
  async function signedIn(user: RegisteredUser): Promise<Page> {
    const page = await app.newPage();
    await page.goto('/login');
    await signInThroughUi(page, user.email, user.password);
    await page.getByRole('button', { name: 'New chat' }).waitFor();
    return page;
  }

  async function openChat(page: Page, title: string): Promise<void> {
    await page
      .getByRole('link', { name: new RegExp(title) })
      .first()
      .click();
    await page.getByRole('heading', { name: title, level: 2 }).waitFor();
  }

  const messagesOf = (page: Page) => page.getByRole('log', { name: 'Messages' });

  it('a member reports a message, a moderator removes it from the queue, and a suspension signs out', async () => {
    const ana = await registerUser(app.t, { displayName: 'Ana Reporter' });
    const sam = await registerUser(app.t, { displayName: 'Sam Spammer' });
    const moderator = await registerWithRole(app.t, mongo, 'moderator');
    const groupId = await groupConversation(app.t, ana, [sam]);
    const spam = 'Buy cheap watches at example dot test';
    await sendText(app.t, sam, groupId, 'Hello everyone');
    await sendText(app.t, sam, groupId, spam);

    // Ana reports Sam's message from its actions menu.
    const anaPage = await signedIn(ana);
    const problems = recordProblems(anaPage);
    await openChat(anaPage, 'Team');
    const message = anaPage.getByRole('listitem', { name: /^Sam Spammer,/ }).filter({ hasText: spam });
    await message.hover();
    await message.getByRole('button', { name: 'Message actions' }).click();
    await anaPage.getByRole('menuitem', { name: 'Report' }).click();
    const dialog = anaPage.getByRole('dialog', { name: 'Report' });
    await dialog.getByRole('radio', { name: 'Spam' }).check();
    await dialog.getByLabel('Note for the moderators (optional)').fill('Posted in every group');
    await dialog.getByRole('button', { name: 'Send report' }).click();
    await dialog.getByText('Thanks, your report was sent.').waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();

    // A second report on the same message is refused with the server's code, worded.
    await message.hover();
    await message.getByRole('button', { name: 'Message actions' }).click();
    await anaPage.getByRole('menuitem', { name: 'Report' }).click();
    await dialog.getByRole('radio', { name: 'Spam' }).check();
    await dialog.getByRole('button', { name: 'Send report' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'You already reported this' }).waitFor();
    await anaPage.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    const samPage = await signedIn(sam);
    await openChat(samPage, 'Team');
    await messagesOf(samPage).getByText(spam, { exact: true }).waitFor();

    // The moderator finds it in the queue with its evidence, and removes the message.
    const modPage = await signedIn(moderator);
    await modPage.getByRole('link', { name: 'Moderation' }).click();
    await modPage.getByRole('heading', { name: 'Moderation queue', level: 1 }).waitFor();
    const item = modPage.getByRole('article', { name: 'Message reported for spam' });
    await item.getByRole('list', { name: 'Evidence' }).getByText(spam).waitFor();
    await item.getByText('Posted in every group').waitFor();
    await item.getByText('Ana Reporter').waitFor();
    await item.getByText('Hello everyone').waitFor(); // context before the reported message
    await expectNoSeriousA11yIssues(modPage);
    const shot = await saveScreenshot(modPage, 'moderation-queue', { docs: 'moderation-queue' });
    expect(shot).toContain('moderation-queue');

    await item.getByLabel('Action').selectOption('remove_message');
    await item.getByLabel(/^Reason/).fill('Spam links');
    await item.getByRole('button', { name: 'Remove message' }).click();
    await modPage.getByRole('status').filter({ hasText: 'Report resolved: remove message.' }).waitFor();
    await modPage.getByText('Nothing to review. The queue is empty.').waitFor();

    // Both open chats show the tombstone at once, from the socket event.
    await messagesOf(anaPage).getByText('Removed by moderation').waitFor();
    await messagesOf(samPage).getByText('Removed by moderation').waitFor();

    // Ana's reports list shows the outcome.
    await anaPage.getByRole('link', { name: 'My reports' }).click();
    const myReport = anaPage.getByRole('list', { name: 'My reports' }).getByRole('listitem').first();
    await myReport.getByText('Resolved').waitFor();
    await myReport.getByText(/Message removed/).waitFor();

    // The moderator suspends Sam from the users page: Sam's open page is signed out.
    await modPage.getByRole('link', { name: 'Users' }).click();
    await modPage.getByLabel('Name or whole email address').fill(sam.email);
    await modPage.getByRole('button', { name: 'Search' }).click();
    const row = modPage.getByRole('listitem').filter({ hasText: 'Sam Spammer' });
    await row.getByRole('button', { name: 'Suspend' }).click();
    const suspend = modPage.getByRole('dialog', { name: 'Suspend Sam Spammer' });
    await suspend.getByLabel('Reason').fill('Repeated spam');
    await suspend.getByLabel(/Duration in hours/).fill('24');
    await suspend.getByRole('button', { name: 'Suspend' }).click();
    await modPage.getByText('Sam Spammer is suspended for 24 h.').waitFor();
    await samPage.getByRole('heading', { name: 'Sign in' }).waitFor();

    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors.filter((text) => /Content.Security.Policy/i.test(text))).toEqual([]);
  });

  it('tells a moderator when someone else resolved the report first, and drops it from the queue', async () => {
    const ana = await registerUser(app.t, { displayName: 'Ana Early' });
    const sam = await registerUser(app.t, { displayName: 'Sam Late' });
    const groupId = await groupConversation(app.t, ana, [sam]);
    const message = await sendText(app.t, sam, groupId, 'A rude remark');
    const reportId = await reportOf(app.t, ana, {
      targetType: 'message',
      targetId: message.id,
      reason: 'harassment',
    });
    const first = await registerWithRole(app.t, mongo, 'moderator');
    const second = await registerWithRole(app.t, mongo, 'moderator');

    const page = await signedIn(first);
    await page.getByRole('link', { name: 'Moderation' }).click();
    const item = page.getByRole('article', { name: 'Message reported for harassment or bullying' });
    await item.getByText('A rude remark').waitFor();
    expect((await resolveReport(app.t, second, reportId, { action: 'dismiss' })).status).toBe(200);

    await item.getByLabel(/^Reason/).fill('Looked fine');
    await item.getByRole('button', { name: 'Dismiss' }).click();
    await page.getByRole('status').filter({ hasText: 'Someone else already resolved this report' }).waitFor();
    await item.waitFor({ state: 'detached' });
  });

  it('lets the only admin see accounts and the audit log, and explains LAST_ADMIN', async () => {
    const admin = await registerWithRole(app.t, mongo, 'admin');
    const page = await signedIn(admin);
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    await page.getByRole('list', { name: 'Users' }).getByText('Sam Spammer').waitFor(); // suspended above
    await page.getByLabel(`Role of ${admin.displayName}`).selectOption('member');
    await page.getByRole('alert').filter({ hasText: 'This is the last admin' }).waitFor();
    await saveScreenshot(page, 'admin-users', { docs: 'admin-users' });

    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByLabel('Action').selectOption('user.suspended');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('cell', { name: 'user.suspended' }).first().waitFor();
  });
});
