import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { bearer, registerUser, RegisteredUser } from '../support/builders';
import { launchBrowser, PageProblems, recordProblems, saveScreenshot } from '../support/browser';
import { directConversation } from '../support/chat-builders';
import { CloudinaryStandIn } from '../support/cloudinary-stand-in';
import { eventually } from '../support/eventually';
import { gradientPng } from '../support/media-files';
import { createTestApp, TestApp } from '../support/test-app';
import { composer, send, storedMessages } from './chat-pages';
import { seriousViolations, signInThroughUi, WEB_DIST } from './web-harness';

/**
 * Page functions are strings (the test tsconfig has no DOM types), evaluated once per try: waitForFunction
 * would poll them with eval, which the page's CSP refuses.
 */
const until = (page: Page, expression: string) =>
  eventually(async () => expect(await page.evaluate(expression)).toBe(true), 20_000, 100);

/** A loaded picture (not a broken one) inside the element matching `selector`. */
const avatarLoaded = (selector: string) =>
  `(() => { const img = document.querySelector(${JSON.stringify(`${selector} .avatar img`)});
    return img !== null && img.complete && img.naturalWidth > 0; })()`;

/** The delivery host the stand-in names (its delivery is off: see beforeAll). */
const CLOUDINARY_HOST = 'https://res.cloudinary.com';

describe('profile photos and blocking in the web client', () => {
  let cloudinary: CloudinaryStandIn;
  let t: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: PageProblems[] = [];
  let alice: RegisteredUser;
  let bob: RegisteredUser;
  let conversationId: string;
  const photo = gradientPng(96, 96);

  beforeAll(async () => {
    // avatarUrl must be https, and the stand-in delivers over plain http when `deliver` is on, so its
    // delivery stays off: uploads get Cloudinary's own https URLs (allowed by the CSP), and each browser
    // context answers those from the stand-in's store (see `openAs`).
    cloudinary = await CloudinaryStandIn.start();
    t = await createTestApp({ ...cloudinary.env(), WEB_DIST_DIR: WEB_DIST, CORS_ORIGINS: '' });
    browser = await launchBrowser();
    [alice, bob] = await Promise.all([
      registerUser(t, { displayName: 'Alice Martin' }),
      registerUser(t, { displayName: 'Bob Chen' }),
    ]);
    conversationId = await directConversation(t, alice, bob);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await t?.close();
    await cloudinary?.close();
  });

  /** Cloudinary's answer for a delivery URL: the bytes the stand-in stored under its public id. */
  function delivered(url: string): Buffer | undefined {
    const path = new URL(url).pathname;
    for (const [publicId, asset] of cloudinary.assets) {
      if (path.includes(`/${publicId}`)) {
        return asset.content;
      }
    }
    return undefined;
  }

  /** A signed-in page on the chat screen, at 1280x800 in the light theme. */
  async function openAs(user: RegisteredUser): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      colorScheme: 'light',
    });
    contexts.push(context);
    await context.route(`${CLOUDINARY_HOST}/**`, async (route) => {
      const body = delivered(route.request().url());
      await (body
        ? route.fulfill({ status: 200, contentType: 'image/png', body })
        : route.fulfill({ status: 404 }));
    });
    const page = await context.newPage();
    problems.push(recordProblems(page));
    await page.goto(`${t.url}/login`);
    await signInThroughUi(page, user.email, user.password);
    return page;
  }

  const row = (page: Page, name: string): Locator => page.getByRole('link', { name: new RegExp(`^${name}`) });

  async function openChat(page: Page, name: string): Promise<void> {
    await row(page, name).click();
    await page.waitForURL(`**/c/${conversationId}`);
  }

  it('shows the photo Alice sets in settings to Bob, in the list and the chat header', async () => {
    const a = await openAs(alice);
    await a.getByRole('link', { name: 'Settings' }).click();
    const [chooser] = await Promise.all([
      a.waitForEvent('filechooser'),
      a.getByRole('button', { name: 'Change photo' }).click(),
    ]);
    await chooser.setFiles({ name: 'me.png', mimeType: 'image/png', buffer: photo });
    await a.getByRole('status').filter({ hasText: 'Photo saved.' }).waitFor();
    // Uploaded as an avatar: a public asset with a permanent URL, not an attachment's expiring signed one.
    const me = await t
      .http()
      .get('/api/v1/users/me')
      .set(...bearer(alice));
    expect(me.body.user.avatarUrl).toMatch(/\/image\/upload\//);
    expect(me.body.user.avatarUrl).not.toContain('__cld_token__');
    await until(a, avatarLoaded('.profile-photo'));
    await saveScreenshot(a, 'web-profile-photo');

    const b = await openAs(bob);
    await until(b, avatarLoaded(`[data-conversation-id="${conversationId}"]`));
    await openChat(b, 'Alice Martin');
    await until(b, avatarLoaded('.conversation-header'));
    await saveScreenshot(b, 'web-chat-with-avatars');
    expect(await seriousViolations(b)).toEqual([]);
  }, 60_000);

  it('falls back to initials, with no broken image, for a picture the CSP refuses', async () => {
    const res = await t
      .http()
      .patch('/api/v1/users/me')
      .set(...bearer(bob))
      .send({ avatarUrl: 'https://avatars.example.org/bob.png' });
    expect(res.status).toBe(200);

    const a = await openAs(alice);
    const bobRow = `[data-conversation-id="${conversationId}"]`;
    await until(
      a,
      `(() => { const avatar = document.querySelector('${bobRow} .avatar');
        return avatar !== null && avatar.querySelector('img') === null && avatar.textContent.trim() === 'BC'; })()`,
    );
    await openChat(a, 'Bob Chen');
    await until(a, `document.querySelector('.conversation-header .avatar img') === null`);
    expect(await a.locator('.conversation-header .avatar').textContent()).toContain('BC');
  }, 60_000);

  it('lets Alice block Bob from the chat menu: his send is refused until she unblocks him', async () => {
    const [a, b] = await Promise.all([openAs(alice), openAs(bob)]);
    await Promise.all([openChat(a, 'Bob Chen'), openChat(b, 'Alice Martin')]);

    await a.getByRole('button', { name: 'Conversation menu' }).click();
    await a.getByRole('menuitem', { name: 'Block Bob Chen' }).click();
    await a.getByRole('dialog', { name: 'Block Bob Chen?' }).getByRole('button', { name: 'Block' }).click();
    await a.getByText('You blocked Bob Chen. Unblock to send messages.').waitFor();
    expect(await composer(a).count()).toBe(0);

    await send(b, 'Are you there?');
    await b.getByRole('alert').filter({ hasText: 'Not sent' }).waitFor();
    await b.locator('.block-notice').filter({ hasText: 'blocked' }).waitFor();
    await saveScreenshot(b, 'web-chat-blocked-sender');

    await a.locator('.block-notice').getByRole('button', { name: 'Unblock' }).click();
    await composer(a).waitFor();
    await b.getByRole('button', { name: 'Retry' }).click();
    await storedMessages(a).filter({ hasText: 'Are you there?' }).waitFor();
    await a.getByRole('button', { name: 'Conversation menu' }).click();
    await a.getByRole('menuitem', { name: 'Block Bob Chen' }).waitFor();
    await a.keyboard.press('Escape');

    const reported = problems.flatMap((page) => page.pageErrors);
    expect(reported).toEqual([]);
  }, 60_000);
});
