import type { Locator, Page } from 'playwright-core';
import { registerUser } from '../support/builders';
import { recordProblems, saveScreenshot } from '../support/browser';
import { directConversation, groupConversation, sendText } from '../support/chat-builders';
import { eventually } from '../support/eventually';
import { flushIndex } from '../support/search-index';
import { expectTexts } from './chat-pages';
import { signedIn } from './notification-pages';
import { expectNoSeriousA11yIssues, useWebApp } from './web-harness';

describe('search in the browser', () => {
  const app = useWebApp();

  const results = (page: Page): Locator =>
    page.getByRole('list', { name: 'Search results' }).getByRole('listitem');
  const hit = (page: Page, text: string): Locator => results(page).filter({ hasText: text });
  const marks = (item: Locator): Promise<string[]> => item.locator('mark').allTextContents();

  async function search(page: Page, q: string): Promise<void> {
    await page.getByLabel('Search for').fill(q);
    await page.getByLabel('Search for').press('Enter');
  }

  const focusedId = (page: Page) => page.evaluate<string>("document.activeElement?.id ?? ''");

  it('finds messages across conversations with highlights, filters them, pages with "Load more", and opens a hit older than the loaded history', async () => {
    const ana = await registerUser(app.t, { displayName: 'Ana Lima' });
    const bo = await registerUser(app.t, { displayName: 'Bo Chen' });
    const direct = await directConversation(app.t, ana, bo);
    const team = await groupConversation(app.t, bo, [ana]);
    const old = await sendText(app.t, bo, direct, 'The quarterly report is ready for review');
    // Sixty newer messages: the report is not in the conversation's first page of history.
    for (let index = 1; index <= 60; index += 1) {
      await sendText(app.t, index % 2 ? ana : bo, direct, `filler note ${index}`);
    }
    await sendText(app.t, ana, team, 'Draft Report attached, comments welcome');
    await sendText(app.t, bo, team, 'The report numbers look good: https://example.com/numbers');
    await sendText(app.t, bo, team, 'Lunch at noon?');
    // Indexing is off the send path: write what the indexer holds before searching.
    await flushIndex(app.t);

    const page = await signedIn(app, ana);
    const problems = recordProblems(page);

    // "/" opens search from the chat (nothing focused that takes text).
    await page.locator('body').press('/');
    await page.getByRole('heading', { name: 'Search messages', level: 2 }).waitFor();
    await search(page, 'report');
    await expectTexts(results(page).locator('.search-hit-text'), [
      'The report numbers look good: https://example.com/numbers',
      'Draft Report attached, comments welcome',
      'The quarterly report is ready for review',
    ]);
    expect(await marks(hit(page, 'numbers look good'))).toEqual(['report']);
    expect(await marks(hit(page, 'Draft Report'))).toEqual(['Report']);
    // Each hit names its conversation as the list does (a direct chat by the other person) and its sender.
    await expectTexts(results(page).locator('.search-hit-place'), ['Team', 'Team', 'Bo Chen']);
    await expectTexts(results(page).locator('.search-hit-sender'), ['Bo Chen', 'You', 'Bo Chen']);
    await expectNoSeriousA11yIssues(page);
    await saveScreenshot(page, 'search-results', { docs: 'web-search' });

    // Filters: one conversation, one sender, links only, a period with nothing in it.
    await page.getByLabel('In', { exact: true }).selectOption({ label: 'Team' });
    await expectTexts(results(page).locator('.search-hit-text'), [
      'The report numbers look good: https://example.com/numbers',
      'Draft Report attached, comments welcome',
    ]);
    await page.getByLabel('From', { exact: true }).selectOption({ label: 'You' });
    await expectTexts(results(page).locator('.search-hit-text'), ['Draft Report attached, comments welcome']);
    await page.getByLabel('From', { exact: true }).selectOption({ label: 'Anyone' });
    await page.getByLabel('Has', { exact: true }).selectOption({ label: 'A link' });
    await expectTexts(results(page).locator('.search-hit-text'), [
      'The report numbers look good: https://example.com/numbers',
    ]);
    await page.getByLabel('Has', { exact: true }).selectOption({ label: 'Anything' });
    await page.getByLabel('Until', { exact: true }).fill('2020-01-31');
    await page.getByText('No messages match this search. Try fewer filters.').waitFor();
    await page.getByLabel('Until', { exact: true }).fill('');
    await page.getByLabel('In', { exact: true }).selectOption({ label: 'All conversations' });
    await expectTexts(results(page).locator('.search-hit-sender'), ['Bo Chen', 'You', 'Bo Chen']);

    // Paging: 60 hits, 20 at a time, newest first.
    await search(page, 'filler');
    await eventually(async () => expect(await results(page).count()).toBe(20), 10_000, 100);
    expect(await results(page).first().locator('.search-hit-text').textContent()).toBe('filler note 60');
    await page.getByRole('button', { name: 'Load more' }).click();
    await eventually(async () => expect(await results(page).count()).toBe(40), 10_000, 100);
    await page.getByRole('button', { name: 'Load more' }).click();
    await eventually(async () => expect(await results(page).count()).toBe(60), 10_000, 100);
    expect(await results(page).last().locator('.search-hit-text').textContent()).toBe('filler note 1');
    await page.getByRole('button', { name: 'Load more' }).waitFor({ state: 'detached' });

    // Ctrl+K focuses the box; a prefix search; the hit opens the conversation at that (old) message.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('quarter*');
    await page.keyboard.press('Enter');
    const quarterly = hit(page, 'The quarterly report is ready for review');
    await quarterly.waitFor();
    expect((await marks(quarterly))[0]).toMatch(/^quarter/);
    await quarterly.getByRole('link').click();
    await page.getByRole('heading', { name: 'Bo Chen', level: 2 }).waitFor();
    await eventually(async () => expect(await focusedId(page)).toBe(`msg-${old.id}`), 15_000, 100);
    await page.locator(`#msg-${old.id}.flash`).waitFor();
    await eventually(async () => expect(new URL(page.url()).search).toBe(''));

    // Back returns to the same results.
    await page.goBack();
    await quarterly.waitFor();
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors.filter((text) => /Content.Security.Policy/i.test(text))).toEqual([]);
  }, 180_000);

  it('filters the conversation list by title and by a member’s name, and clearing brings the list back', async () => {
    const ana = await registerUser(app.t, { displayName: 'Ana Lima' });
    const bo = await registerUser(app.t, { displayName: 'Bo Chen' });
    const cy = await registerUser(app.t, { displayName: 'Cy Okafor' });
    await groupConversation(app.t, bo, [ana]);
    await directConversation(app.t, ana, bo);
    await directConversation(app.t, ana, cy);
    const page = await signedIn(app, ana);
    const all = page.getByRole('complementary', { name: 'Conversations' }).locator('a.conversation-item');
    await eventually(async () => expect(await all.count()).toBe(3), 10_000, 100);

    const filter = page.getByLabel('Filter conversations');
    const matching = page.getByRole('list', { name: 'Matching conversations' }).getByRole('link');
    await filter.fill('tea');
    await expectTexts(matching.locator('.title'), ['Team']);
    await filter.fill('okaf');
    await expectTexts(matching.locator('.title'), ['Cy Okafor']);
    await filter.fill('chen');
    await eventually(async () =>
      expect((await matching.locator('.title').allTextContents()).sort()).toEqual(['Bo Chen', 'Team']),
    );
    await filter.fill('nobody-here');
    await page.getByText('No conversation matches “nobody-here”.').waitFor();
    await expectNoSeriousA11yIssues(page);

    // Escape clears the filter: the whole list is back.
    await filter.press('Escape');
    await eventually(async () => expect(await all.count()).toBe(3), 10_000, 100);
    expect(await filter.inputValue()).toBe('');
  }, 120_000);

  it('explains a query the server refuses', async () => {
    const ana = await registerUser(app.t, { displayName: 'Ana Lima' });
    const page = await signedIn(app, ana);
    await page.getByRole('link', { name: 'Search', exact: true }).click();
    await search(page, 'ab*');
    await page.getByRole('alert').filter({ hasText: 'at least 3 letters before the *' }).waitFor();
    const words = Array.from({ length: 17 }, (_, index) => `word${index}`).join(' ');
    await search(page, words);
    await page.getByRole('alert').filter({ hasText: 'This search has too many words' }).waitFor();
    await page.getByLabel('Since', { exact: true }).fill('2024-03-05');
    await page.getByLabel('Until', { exact: true }).fill('2024-03-04');
    await page.getByRole('alert').filter({ hasText: 'The first day is after the last day.' }).waitFor();
    await expectNoSeriousA11yIssues(page);
  }, 120_000);
});
