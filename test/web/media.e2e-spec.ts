import type { Page } from 'playwright-core';
import { registerUser, RegisteredUser } from '../support/builders';
import { PageProblems, recordProblems, saveScreenshot } from '../support/browser';
import { directConversation } from '../support/chat-builders';
import { CloudinaryStandIn } from '../support/cloudinary-stand-in';
import { eventually } from '../support/eventually';
import { gradientPng, mp4, pdf } from '../support/media-files';
import { createTestApp } from '../support/test-app';
import { expectNoSeriousA11yIssues, useWebApp, WEB_DIST } from './web-harness';

/**
 * Page functions are strings (the test tsconfig has no DOM types), evaluated once per try: waitForFunction
 * would poll them with eval, which the page's CSP refuses.
 */
const until = (page: Page, expression: string, timeout = 20_000) =>
  eventually(async () => expect(await page.evaluate(expression)).toBe(true), timeout, 100);

/** The inline image named `alt` in the conversation, once its pixels have arrived: its URL. */
const loadedImage = (alt: string) =>
  `(() => { const img = document.querySelector('[role=log] img[alt="${alt}"]');
    return img !== null && img.complete && img.naturalWidth > 0 ? img.currentSrc : null; })()`;

/** Signed URLs live this long here, so the test sees the client fetch fresh ones before they expire. */
const URL_TTL_SECONDS = 12;

describe('media in the web client (uploads, images, files, voice messages)', () => {
  let cloudinary: CloudinaryStandIn;
  const app = useWebApp({
    start: async () => {
      // The stand-in delivers what it stores, from its own origin (CLOUDINARY_DELIVERY_BASE), checking the
      // token of every URL as Cloudinary does; the CSP admits that origin.
      cloudinary = await CloudinaryStandIn.start({ deliver: true });
      return createTestApp({
        ...cloudinary.env(),
        WEB_DIST_DIR: WEB_DIST,
        CORS_ORIGINS: '',
        UPLOAD_URL_TTL_SECONDS: String(URL_TTL_SECONDS),
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

  /** What the stand-in answered for a delivery URL the page used (its path and query). */
  const deliveryOf = (url: string) => {
    const path = new URL(url).pathname;
    return cloudinary.deliveries.filter((delivery) => delivery.path === path).at(-1);
  };

  it('shows an image sent on one page on the other: blurhash, then the signed thumbnail, the preview in a lightbox, fresh URLs before they expire', async () => {
    const [a, b] = await Promise.all([openAs(alice), openAs(bob)]);

    await attach(a, { name: 'sunset.png', mimeType: 'image/png', buffer: gradientPng(960, 640) });
    const tray = a.getByRole('list', { name: 'Attachments' });
    const preview = tray.getByRole('listitem', { name: 'sunset.png' });
    expect(await preview.locator('img').getAttribute('src')).toMatch(/^blob:/);
    await tray.locator('.tray-item.ready').waitFor();
    await a.getByLabel('Message', { exact: true }).fill('The view from the office');
    await saveScreenshot(a, 'web-media-tray');
    await a.getByRole('button', { name: 'Send', exact: true }).click();
    await tray.waitFor({ state: 'detached' });

    // Bob's page: the box sized from the server's dimensions, the blurhash drawn, the thumbnail loaded
    // from a signed URL at the stand-in (320 px wide: the transformation was applied).
    await b.getByRole('log').getByText('The view from the office').waitFor();
    const image = b.getByRole('log').getByRole('img', { name: 'sunset.png' });
    expect([await image.getAttribute('width'), await image.getAttribute('height')]).toEqual(['960', '640']);
    expect(await b.locator('[role=log] .image-attachment canvas.blurhash').count()).toBe(1);
    let thumbnail = '';
    await eventually(async () => {
      thumbnail = await b.evaluate<string>(loadedImage('sunset.png'));
      expect(thumbnail).toBeTruthy();
    });
    expect(thumbnail.startsWith(cloudinary.url)).toBe(true);
    expect(thumbnail).toContain('w_320');
    expect(deliveryOf(thumbnail)).toMatchObject({ status: 200, token: 'ok' });
    expect(await b.evaluate(`document.querySelector('[role=log] img[alt="sunset.png"]').naturalWidth`)).toBe(
      320,
    );

    // The lightbox: the 1280 px preview (the original is smaller: not enlarged), a modal dialog closed with
    // Escape, focus back on the thumbnail.
    await b.getByRole('button', { name: 'Open image sunset.png' }).click();
    const dialog = b.getByRole('dialog', { name: 'sunset.png' });
    await dialog.waitFor();
    await until(
      b,
      `(() => { const img = document.querySelector('dialog .lightbox-image');
        return img.complete && img.naturalWidth === 960 && img.currentSrc.includes('w_1280'); })()`,
    );
    await b.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await b.evaluate('document.activeElement.getAttribute("aria-label")')).toBe(
      'Open image sunset.png',
    );

    // Before the URLs expire, the page fetches the message again: a newly signed thumbnail, loaded too.
    let fresh = '';
    await eventually(
      async () => {
        fresh = await b.evaluate<string>(loadedImage('sunset.png'));
        expect(fresh).toBeTruthy();
        expect(fresh).not.toBe(thumbnail);
      },
      URL_TTL_SECONDS * 1000,
      200,
    );
    expect(deliveryOf(fresh)).toMatchObject({ status: 200, token: 'ok' });

    // A PDF: a download card under its first page (rendered by the stand-in as Cloudinary would).
    const document = pdf();
    await attach(a, { name: 'minutes.pdf', mimeType: 'application/pdf', buffer: document });
    await tray.locator('.tray-item.ready').waitFor();
    await a.getByRole('button', { name: 'Send', exact: true }).click();
    const card = b.getByRole('link', { name: /^Download minutes\.pdf, / });
    await card.waitFor();
    const href = (await card.getAttribute('href'))!;
    expect(href.startsWith(cloudinary.url)).toBe(true);
    expect((await fetch(href)).status).toBe(200);
    await until(
      b,
      `(() => { const img = document.querySelector('[role=log] .file-chip .file-preview');
        return img !== null && img.complete && img.naturalWidth > 0; })()`,
    );

    // A video: its poster frame, and nothing of the video before Play.
    await attach(a, { name: 'clip.mp4', mimeType: 'video/mp4', buffer: mp4(320, 240) });
    await tray.locator('.tray-item.ready').waitFor();
    await a.getByRole('button', { name: 'Send', exact: true }).click();
    const video = b.getByRole('log').locator('video[aria-label="Video clip.mp4"]');
    await video.waitFor();
    const poster = (await video.getAttribute('poster'))!;
    expect(poster.startsWith(cloudinary.url)).toBe(true);
    await eventually(async () => expect(deliveryOf(poster)).toMatchObject({ status: 200, token: 'ok' }));
    expect(deliveryOf((await video.getAttribute('src'))!)).toBeUndefined();

    const reported = problems.flatMap((page) => [...page.consoleErrors, ...page.pageErrors]);
    expect(reported.filter((text) => /Content Security Policy|Refused to/i.test(text))).toEqual([]);
  }, 90_000);

  it('sends a voice note recorded on one page (tap, or hold) that the other shows with its waveform and plays', async () => {
    const [a, b] = await Promise.all([openAs(alice), openAs(bob)]);
    const notes = b.getByRole('group', { name: /^Voice message, \d+ seconds?$/ });
    const before = await notes.count();

    // A tap records hands-free (Chromium's fake microphone: a beep), with the time, Cancel and Send.
    await a.getByRole('button', { name: 'Record a voice message' }).click();
    const recording = a.getByRole('group', { name: 'Recording a voice message' });
    await recording.getByText('0:02').waitFor();
    await recording.getByRole('button', { name: 'Send voice message' }).click();

    const voice = notes.nth(before);
    await voice.waitFor();
    // The server's waveform as bars: a beep and its silences are not flat.
    const heights = await voice
      .locator('svg.waveform rect')
      .evaluateAll((rects) => rects.map((rect) => Number(rect.getAttribute('height'))));
    expect(heights).toHaveLength(40);
    expect(new Set(heights).size).toBeGreaterThan(1);
    expect(await voice.locator('.audio-time').textContent()).toMatch(/^0:0[1-9]$/);

    // It plays: the audio's duration is known, time passes, and the bars played so far are coloured.
    await voice.getByRole('button', { name: 'Play', exact: true }).click();
    await voice.getByRole('button', { name: 'Pause', exact: true }).waitFor();
    await until(
      b,
      `(() => { const note = document.querySelectorAll('.voice-note')[${before}];
        const audio = note.querySelector('audio');
        return audio.error === null && audio.duration > 0 && audio.currentTime > 0 &&
          note.querySelectorAll('svg.waveform rect.played').length > 0; })()`,
    );
    await voice.getByRole('button', { name: 'Play', exact: true }).waitFor({ timeout: 10_000 });
    await saveScreenshot(b, 'web-media-conversation', { docs: 'web-media-conversation' });
    await expectNoSeriousA11yIssues(b);

    // Held: recording while pressed, sent on release.
    const mic = a.getByRole('button', { name: 'Record a voice message' });
    const box = (await mic.boundingBox())!;
    await a.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await a.mouse.down();
    await recording.getByText('0:01').waitFor();
    await a.mouse.up();
    await notes.nth(before + 1).waitFor();

    // Held and slid left: cancelled, nothing sent.
    await a.mouse.down();
    await recording.getByText('0:01').waitFor();
    await a.mouse.move(box.x - 120, box.y + box.height / 2, { steps: 4 });
    await recording.getByText('Release to cancel').waitFor();
    await a.mouse.up();
    await recording.waitFor({ state: 'detached' });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await notes.count()).toBe(before + 2);
  }, 90_000);
});
