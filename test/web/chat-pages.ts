import type { BrowserContext, Locator, Page } from 'playwright-core';
import { eventually } from '../support/eventually';
import { signUpThroughUi, WebApp } from './web-harness';

export const PASSWORD = 'correct horse battery staple';

export interface ChatUser {
  name: string;
  context: BrowserContext;
  page: Page;
}

/** A new browser profile whose user signs up through the page and lands on the chat screen. */
export async function signUp(
  app: WebApp,
  name: string,
  options: { colorScheme?: 'light' | 'dark'; baseURL?: string } = {},
): Promise<ChatUser> {
  const page = await app.newPage(options);
  const email = `${name.split(' ')[0].toLowerCase()}-${Date.now()}@example.com`;
  await signUpThroughUi(page, { name, email, password: PASSWORD });
  await page.getByRole('button', { name: 'New chat' }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  return { name, context: page.context(), page };
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
  return page
    .getByRole('log', { name: 'Messages' })
    .locator('li.message', { has: page.locator('.content', { hasText: text }) });
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

/** Waits until the locator's texts are exactly `expected` (auto-waiting for a list, which playwright-core lacks). */
export async function expectTexts(locator: Locator, expected: string[], timeoutMs = 10_000): Promise<void> {
  await eventually(
    async () => expect((await locator.allTextContents()).map((text) => text.trim())).toEqual(expected),
    timeoutMs,
    100,
  );
}
