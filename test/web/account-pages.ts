import AxeBuilder from '@axe-core/playwright';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { saveScreenshot } from '../support/browser';

/** Shared steps of the sign-in and settings browser tests. */


/** Fills the sign-in form and waits for the chat (the sidebar's Settings link). */
export async function signInThroughUi(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('link', { name: 'Settings' }).waitFor();
}

/** Axe on the current page: no serious or critical violations. */
export async function expectNoSeriousA11yIssues(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);
}

/** The built client (npm run build -w @parley/web) served by the app under test. */
export const WEB_DIST = resolve(__dirname, '../../web/dist');

/** A 1280x800 screenshot into test-artifacts (and docs/images under `npm run docs:images`, with `docs`). */
export async function screenshot(page: Page, name: string, options: { docs?: boolean } = {}): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await saveScreenshot(page, name, { docs: options.docs ? name : undefined });
}
