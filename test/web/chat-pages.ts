import AxeBuilder from '@axe-core/playwright';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { eventually } from '../support/eventually';

export const PASSWORD = 'correct horse battery staple';

/** The built client (npm run build -w @parley/web) that the app under test serves at /. */
export const WEB_DIST = resolve(__dirname, '../../web/dist');

export interface ChatUser {
  name: string;
  context: BrowserContext;
  page: Page;
}

/** A new browser context whose user signs up through the page and lands on the chat screen. */
export async function signUp(
  browser: Browser,
  baseURL: string,
  name: string,
  options: { colorScheme?: 'light' | 'dark' } = {},
): Promise<ChatUser> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  await page.goto('/signup');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(`${name.split(' ')[0].toLowerCase()}-${Date.now()}@example.com`);
  await page.getByLabel('Password (at least 10 characters)').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('button', { name: 'New chat' }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  return { name, context, page };
}

export function composer(page: Page): Locator {
  return page.getByRole('textbox', { name: 'Message' });
}

/** Stored messages (not pending ones) in the open conversation. */
export function storedMessages(page: Page): Locator {
  return page.getByRole('log', { name: 'Messages' }).locator('li.message:not([data-pending]) .content');
}

export function pendingMessages(page: Page): Locator {
  return page.getByRole('log', { name: 'Messages' }).locator('li.message[data-pending]');
}

/** The message bubble whose text is `text`. */
export function messageWith(page: Page, text: string): Locator {
  return page.getByRole('log', { name: 'Messages' }).locator('li.message', { has: page.locator('.content', { hasText: text }) });
}

export async function send(page: Page, text: string): Promise<void> {
  await composer(page).fill(text);
  await composer(page).press('Enter');
}

/** Opens a message's action menu and picks an item. */
export async function messageAction(page: Page, text: string, action: string): Promise<void> {
  const message = messageWith(page, text);
  await message.hover();
  await message.getByRole('button', { name: 'Message actions' }).click();
  await page.getByRole('menuitem', { name: action }).click();
}

export async function react(page: Page, text: string, emoji: string): Promise<void> {
  const message = messageWith(page, text);
  await message.hover();
  await message.getByRole('button', { name: 'React', exact: true }).click();
  await page.getByRole('menuitem', { name: `React with ${emoji}` }).click();
}

/** Serious and critical axe violations on the page as it is, as readable lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

/** Waits until the locator's texts are exactly `expected` (auto-waiting for a list, which playwright-core lacks). */
export async function expectTexts(locator: Locator, expected: string[], timeoutMs = 10_000): Promise<void> {
  await eventually(async () => expect((await locator.allTextContents()).map((text) => text.trim())).toEqual(expected), timeoutMs, 100);
}
