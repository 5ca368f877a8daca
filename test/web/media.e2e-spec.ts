import type { Page } from 'playwright-core';
import { registerUser, RegisteredUser } from '../support/builders';
import { PageProblems, recordProblems, saveScreenshot } from '../support/browser';
import { directConversation } from '../support/chat-builders';
import { CloudinaryStandIn } from '../support/cloudinary-stand-in';
import { eventually } from '../support/eventually';
import { gradientPng } from '../support/media-files';
import { createTestApp } from '../support/test-app';
import { useWebApp, WEB_DIST } from './web-harness';

/**
 * Page functions are strings (the test tsconfig has no DOM types), evaluated once per try: waitForFunction
 * would poll them with eval, which the page's CSP refuses.
 */
const until = (page: Page, expression: string) =>
  eventually(async () => expect(await page.evaluate(expression)).toBe(true), 20_000, 100);

const imageLoaded = (alt: string) =>
  `(() => { const img = document.querySelector('[role=log] img[alt="${alt}"]');
    return img !== null && img.complete && img.naturalWidth > 0; })()`;

describe('media in the web client (uploads, images, files, voice messages)', () => {
  let cloudinary: CloudinaryStandIn;
  const app = useWebApp({
    start: async () => {
      // The stand-in delivers what it stores, from its own origin: the CSP admits it as CLOUDINARY_API_BASE.
      cloudinary = await CloudinaryStandIn.start({ deliver: true });
      return createTestApp({
        ...cloudinary.env(),
        WEB_DIST_DIR: WEB_DIST,
        CORS_ORIGINS: '',
        ATTACHMENT_URL_PREFIXES: cloudinary.deliveryPrefix,
      });
    },
  });
  const problems: PageProblems[] = [];
  let alice: RegisteredUser;
  let bob: RegisteredUser;
  let conversationId: string;

  beforeAll(async () => {
    [alice, bob] = await Promise.all([
      registerUser(app.t, { displayName: 'Alice Martin' }),
      registerUser(app.t, { displayName: 'Bob Chen' }),
    ]);
    conversationId = await directConversation(app.t, alice, bob);
  });

  afterAll(() => cloudinary?.close());

  /** A signed-in page in the conversation, at 1280x800 in the light theme. */
  async function openAs(user: RegisteredUser): Promise<Page> {
    const page = await app.newPage();
    problems.push(recordProblems(page));
    await page.goto(`${app.t.url}/login`);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Within the app, not by reloading: a reload restores the session through /auth/refresh, whose answer
    // (no `user`) the client does not handle yet.
    await page.getByRole('link', { name: new RegExp(user === alice ? 'Bob Chen' : 'Alice Martin') }).click();
    await page.waitForURL(`**/c/${conversationId}`);
    await page.getByRole('button', { name: 'Attach files' }).waitFor();
    return page;
  }

  async function attach(page: Page, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Attach files' }).click(),
    ]);
    await chooser.setFiles(file);
  }

  it('sends an image with a caption, a file and a voice message that the other member sees and can open', async () => {
    const [a, b] = await Promise.all([openAs(alice), openAs(bob)]);

    // An image: previewed from a blob: URL while it uploads, then sent with its caption.
    await attach(a, { name: 'sunset.png', mimeType: 'image/png', buffer: gradientPng(480, 320) });
    const tray = a.getByRole('list', { name: 'Attachments' });
    const preview = tray.getByRole('listitem', { name: 'sunset.png' });
    expect(await preview.locator('img').getAttribute('src')).toMatch(/^blob:/);
    await tray.locator('.tray-item.ready').waitFor();
    await a.getByLabel('Message', { exact: true }).fill('The view from the office');
    await saveScreenshot(a, 'web-media-tray');
    await a.getByRole('button', { name: 'Send', exact: true }).click();
    await tray.waitFor({ state: 'detached' });

    await until(b, imageLoaded('sunset.png'));
    const image = b.getByRole('log').getByRole('img', { name: 'sunset.png' });
    expect([await image.getAttribute('width'), await image.getAttribute('height')]).toEqual(['480', '320']);
    await b.getByRole('log').getByText('The view from the office').waitFor();

    // The lightbox: a modal dialog, closed with Escape, focus back on the thumbnail.
    await b.getByRole('button', { name: 'Open image sunset.png' }).click();
    const dialog = b.getByRole('dialog', { name: 'sunset.png' });
    await dialog.waitFor();
    await b.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await b.evaluate('document.activeElement.getAttribute("aria-label")')).toBe(
      'Open image sunset.png',
    );

    // A document: a download chip with its name and size.
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    );
    await attach(a, { name: 'minutes.pdf', mimeType: 'application/pdf', buffer: pdf });
    await tray.locator('.tray-item.ready').waitFor();
    await a.getByRole('button', { name: 'Send', exact: true }).click();
    const chip = b.getByRole('link', { name: `Download minutes.pdf, ${pdf.length} B` });
    await chip.waitFor();
    expect(await chip.getAttribute('href')).toMatch(new RegExp(`^${cloudinary.deliveryPrefix}.+\\.pdf$`));

    // A voice message from Chromium's fake microphone: recorded for over a second, sent, and playable.
    await a.getByRole('button', { name: 'Record a voice message' }).click();
    const recording = a.getByRole('group', { name: 'Recording a voice message' });
    await recording.getByText('0:01').waitFor();
    await recording.getByRole('button', { name: 'Send voice message' }).click();
    // Over a second, and a few at most on a busy machine.
    const voice = b.getByRole('group', { name: /^Voice message, \d seconds?$/ });
    await voice.waitFor();
    expect(await voice.locator('.audio-time').textContent()).toMatch(/^0:0[1-9]$/);
    await until(
      b,
      `(() => { const audio = document.querySelector('.audio-player audio');
        return audio !== null && audio.readyState >= 1 && audio.error === null; })()`,
    );
    await voice.getByRole('button', { name: 'Play' }).click();
    await voice.getByRole('button', { name: 'Pause' }).waitFor();
    await voice.getByRole('button', { name: 'Play' }).waitFor({ timeout: 10_000 });

    await saveScreenshot(b, 'web-media-conversation', { docs: 'web-media-conversation' });

    const reported = problems.flatMap((page) => [...page.consoleErrors, ...page.pageErrors]);
    expect(reported.filter((text) => /Content Security Policy|Refused to/i.test(text))).toEqual([]);
  }, 60_000);
});
