import { saveScreenshot } from '../support/browser';
import { ChatUser, composer, expectTexts, send, signUp, storedMessages } from './chat-pages';
import { expectNoSeriousA11yIssues, useWebApp } from './web-harness';

describe('web chat: a group of three', () => {
  const app = useWebApp({ env: { CORS_ORIGINS: '' } });

  it("is created through the page, carries each member's message to the other two, and autocompletes a mention", async () => {
    const [ann, bob, cy]: ChatUser[] = await Promise.all([
      signUp(app, 'Ann Archer'),
      signUp(app, 'Bob Baker'),
      signUp(app, 'Cy Carter'),
    ]);

    await ann.page.getByRole('button', { name: 'New chat' }).click();
    const dialog = ann.page.getByRole('dialog', { name: 'New chat' });
    await dialog.getByRole('button', { name: 'New group' }).click();
    await dialog.getByLabel('Group name').fill('Weekend plans');
    for (const name of ['Bob Baker', 'Cy Carter']) {
      await dialog.getByLabel('Search people').fill(name.split(' ')[0]);
      await dialog.getByRole('button', { name: `Add ${name}` }).click();
    }
    await dialog.getByRole('button', { name: 'Create group' }).click();
    await ann.page.getByRole('heading', { name: 'Weekend plans' }).waitFor();

    await send(ann.page, 'Hi all');
    for (const member of [bob, cy]) {
      await member.page.getByRole('link', { name: /Weekend plans/ }).click();
      await expectTexts(storedMessages(member.page), ['Hi all']);
    }
    await send(bob.page, 'Hello from Bob');
    await expectTexts(storedMessages(cy.page), ['Hi all', 'Hello from Bob']);

    // Cy mentions Bob: "@bo" offers Bob in a listbox, Enter picks him.
    await composer(cy.page).pressSequentially('See you @bo', { delay: 10 });
    const option = cy.page
      .getByRole('listbox', { name: 'Mention a member' })
      .getByRole('option', { name: 'Bob Baker' });
    await option.waitFor();
    expect(await option.getAttribute('aria-selected')).toBe('true');
    await composer(cy.page).press('Enter');
    expect(await composer(cy.page).inputValue()).toBe('See you @Bob Baker ');
    await composer(cy.page).press('Enter');

    const expected = ['Hi all', 'Hello from Bob', 'See you @Bob Baker'];
    for (const member of [ann, bob, cy]) {
      await expectTexts(storedMessages(member.page), expected);
    }
    // Bob's copy highlights the mention of him.
    await bob.page.locator('.mention.me', { hasText: '@Bob Baker' }).waitFor();
    await ann.page.locator('.message .sender', { hasText: 'Cy Carter' }).waitFor();

    await saveScreenshot(ann.page, 'chat-group', { docs: 'web-chat-group' });
    await expectNoSeriousA11yIssues(ann.page);

    await ann.page.getByRole('button', { name: 'Conversation menu' }).click();
    await ann.page.getByRole('menuitem', { name: 'Group info' }).click();
    const info = ann.page.getByRole('dialog', { name: 'Group info' });
    await info.getByText('3 members').waitFor();
    await info.getByText('Owner').waitFor();
    await saveScreenshot(ann.page, 'chat-group-info');
    await expectNoSeriousA11yIssues(ann.page);
  }, 120_000);
});
