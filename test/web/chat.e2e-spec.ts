import { saveScreenshot } from '../support/browser';
import {
  ChatUser,
  composer,
  expectTexts,
  messageAction,
  messageWith,
  pendingMessages,
  react,
  send,
  signUp,
  storedMessages,
} from './chat-pages';
import { expectNoSeriousA11yIssues, useWebApp } from './web-harness';

describe('web chat: a direct conversation between two browsers', () => {
  const app = useWebApp({ env: { CORS_ORIGINS: '' } });
  let ann: ChatUser;
  let bob: ChatUser;

  it('starts by search, shows typing, delivers live, ticks read, survives going offline, and syncs reactions, edits, replies and deletes', async () => {
    [ann, bob] = await Promise.all([signUp(app, 'Ann Archer'), signUp(app, 'Bob Baker')]);

    // Ann finds Bob and starts the chat.
    await ann.page.getByRole('button', { name: 'New chat' }).click();
    await ann.page.getByLabel('Search people').fill('Bob');
    await ann.page.getByRole('button', { name: 'Chat with Bob Baker' }).click();
    await ann.page.getByRole('heading', { name: 'Bob Baker' }).waitFor();
    await send(ann.page, 'Hello Bob');
    await expectTexts(storedMessages(ann.page), ['Hello Bob']);

    // Bob sees the new conversation with one unread message, opens it: Ann's message turns read.
    const row = bob.page.getByRole('link', { name: /Ann Archer.*1 unread/ });
    await row.click();
    await expectTexts(storedMessages(bob.page), ['Hello Bob']);
    await messageWith(ann.page, 'Hello Bob').getByRole('img', { name: 'Read' }).waitFor();

    // Each sees the other typing.
    await composer(ann.page).pressSequentially('Are', { delay: 20 });
    await bob.page.locator('.conversation-header .subtitle', { hasText: 'typing…' }).waitFor();
    await composer(bob.page).pressSequentially('Hi', { delay: 20 });
    await ann.page.locator('.conversation-header .subtitle', { hasText: 'typing…' }).waitFor();
    await composer(ann.page).fill('');
    await composer(bob.page).fill('');

    // Messages both ways, live.
    await send(bob.page, 'Hi Ann');
    await send(ann.page, 'How are you?');
    const live = ['Hello Bob', 'Hi Ann', 'How are you?'];
    await expectTexts(storedMessages(ann.page), live);
    await expectTexts(storedMessages(bob.page), live);

    // Bob goes offline: Ann sends 3, Bob writes 2 that wait in his outbox.
    await bob.context.setOffline(true);
    await bob.page.getByRole('status').filter({ hasText: 'Offline' }).waitFor();
    for (const text of ['a1', 'a2', 'a3']) {
      await send(ann.page, text);
    }
    await expectTexts(storedMessages(ann.page), [...live, 'a1', 'a2', 'a3']);
    await send(bob.page, 'b1');
    await send(bob.page, 'b2');
    await expectTexts(pendingMessages(bob.page).locator('.content'), ['b1', 'b2']);
    await expectTexts(storedMessages(bob.page), live);

    // Back online: everything once, in order, on both sides; nothing left pending.
    await bob.context.setOffline(false);
    const all = [...live, 'a1', 'a2', 'a3', 'b1', 'b2'];
    await expectTexts(storedMessages(bob.page), all, 20_000);
    await expectTexts(pendingMessages(bob.page), []);
    await expectTexts(storedMessages(ann.page), all);

    // A reaction, an edit, a reply and a delete reach the other side live.
    await react(ann.page, 'b2', '👍');
    await messageWith(bob.page, 'b2')
      .getByRole('button', { name: /👍 1: Ann Archer/ })
      .waitFor();

    await messageAction(bob.page, 'b1', 'Edit');
    await composer(bob.page).fill('b1 (edited)');
    await composer(bob.page).press('Enter');
    await messageWith(ann.page, 'b1 (edited)').locator('.edited').waitFor();

    await messageAction(ann.page, 'a3', 'Reply');
    await send(ann.page, 'replying to a3');
    await messageWith(bob.page, 'replying to a3')
      .getByRole('button', { name: /Reply to Ann Archer: a3/ })
      .waitFor();

    await messageAction(ann.page, 'a1', 'Delete');
    await ann.page
      .getByRole('dialog', { name: 'Delete message?' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await bob.page.getByRole('log', { name: 'Messages' }).getByText('Message deleted').waitFor();
    await expectTexts(storedMessages(bob.page), [
      ...live,
      'Message deleted',
      'a2',
      'a3',
      'b1 (edited)',
      'b2',
      'replying to a3',
    ]);

    await saveScreenshot(ann.page, 'chat-direct-light', { docs: 'web-chat-direct' });
    await expectNoSeriousA11yIssues(ann.page);

    // The same screen in the dark theme, and the conversation at phone width.
    await ann.page.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshot(ann.page, 'chat-direct-dark', { docs: 'web-chat-direct-dark' });
    await expectNoSeriousA11yIssues(ann.page);
    await bob.page.setViewportSize({ width: 390, height: 844 });
    await saveScreenshot(bob.page, 'chat-phone');
    await expectNoSeriousA11yIssues(bob.page);
  }, 120_000);
});
