import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';

/** The Chromium the browser tests drive: CHROMIUM_PATH, else Debian's package (`.ci/run` installs it). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where `saveScreenshot` writes (gitignored), so a failed run leaves something to look at. */
export const SCREENSHOT_DIR = resolve(__dirname, '../../test-artifacts/screenshots');

/**
 * A headless Chromium for one test file; close it in afterAll. No sandbox (CI runs as root), no GPU, no
 * background traffic to Google, and a fake camera and microphone that need no permission prompt.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
    ],
  });
}

/** What a page reported while a test used it: console errors, uncaught exceptions, CSP violations. */
export interface PageProblems {
  readonly consoleErrors: string[];
  readonly pageErrors: string[];
}

/** Starts recording a page's console errors and uncaught exceptions (CSP violations are console errors). */
export function recordProblems(page: Page): PageProblems {
  const problems: PageProblems = { consoleErrors: [], pageErrors: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') {
      problems.consoleErrors.push(message.text());
    }
  });
  page.on('pageerror', (error) => problems.pageErrors.push(error.message));
  return problems;
}

/** The README's pictures; rewritten only by `npm run docs:images`, so a test run never changes the tree. */
export const DOCS_IMAGES_DIR = resolve(__dirname, '../../docs/images');

/**
 * Saves a full-page PNG as test-artifacts/screenshots/<name>.png (CI keeps them as artifacts) and returns its
 * path. With `docs`, `npm run docs:images` (UPDATE_DOCS_IMAGES=1) also writes the viewport as
 * docs/images/<docs>.png.
 */
export async function saveScreenshot(
  page: Page,
  name: string,
  options: { docs?: string } = {},
): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  if (options.docs && process.env.UPDATE_DOCS_IMAGES === '1') {
    mkdirSync(DOCS_IMAGES_DIR, { recursive: true });
    await page.screenshot({ path: join(DOCS_IMAGES_DIR, `${options.docs}.png`) });
  }
  return path;
}
