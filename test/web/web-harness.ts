import AxeBuilder from '@axe-core/playwright';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { launchBrowser, saveScreenshot } from '../support/browser';
import { createTestApp, TestApp } from '../support/test-app';

/** What every browser test shares: the app serving the built client, Chromium, pages, axe, screenshots. */

/** The built client (npm run build -w @parley/web) served by the app under test. */
export const WEB_DIST = resolve(__dirname, '../../web/dist');

export interface WebApp {
  /** The app under test (set once beforeAll has run). */
  readonly t: TestApp;
  readonly browser: Browser;
  /** A page in a browser profile of its own (its own cookies: a device), 1280x800, light; closed after the test. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
}

/**
 * Registers the hooks that start the app (with WEB_DIST_DIR set) and Chromium before the tests, close each
 * test's pages after it, and stop both at the end. `start` replaces the default app (it must serve WEB_DIST).
 */
export function useWebApp(
  options: { env?: Record<string, string>; start?: () => Promise<TestApp> } = {},
): WebApp {
  let t: TestApp | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [t, browser] = await Promise.all([
      options.start ? options.start() : createTestApp({ WEB_DIST_DIR: WEB_DIST, ...options.env }),
      launchBrowser(),
    ]);
  }, 120_000);

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) {
      throw new Error('the web app is not started yet (use it inside a test or hook)');
    }
    return value;
  };
  return {
    get t() {
      return started(t);
    },
    get browser() {
      return started(browser);
    },
    async newPage(contextOptions: BrowserContextOptions = {}) {
      const context = await started(browser).newContext({
        baseURL: started(t).url,
        colorScheme: 'light',
        viewport: { width: 1280, height: 800 },
        ...contextOptions,
      });
      contexts.push(context);
      return context.newPage();
    },
  };
}

/** Fills the sign-up form and submits it; the caller waits for what it expects next. */
export async function signUpThroughUi(
  page: Page,
  user: { name: string; email: string; password: string },
): Promise<void> {
  await page.goto('/signup');
  await page.getByLabel('Name').fill(user.name);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel(/^Password/).fill(user.password);
  await page.getByRole('button', { name: 'Create account' }).click();
}

/** Fills the sign-in form and waits for the chat (the sidebar's Settings link). */
export async function signInThroughUi(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('link', { name: 'Settings' }).waitFor();
}

/** Serious and critical axe violations on the page as it is, as readable lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
    );
}

/** Axe on the current page: no serious or critical violations. */
export async function expectNoSeriousA11yIssues(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}

/** A 1280x800 screenshot into test-artifacts (and docs/images under `npm run docs:images`, with `docs`). */
export async function screenshot(page: Page, name: string, options: { docs?: boolean } = {}): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await saveScreenshot(page, name, { docs: options.docs ? name : undefined });
}
