import type { Browser, BrowserContext, Page } from 'playwright-core';
import { generateVAPIDKeys } from 'web-push';
import { MessageType } from '../../src/messages/message.schema';
import { GENERIC_BODY, newMessagePush, NewMessagePush } from '../../src/notifications/push-content';
import { bearer, registerUser, RegisteredUser } from '../support/builders';
import { launchBrowser, PageProblems, recordProblems } from '../support/browser';
import { directConversation, groupConversation, sendText } from '../support/chat-builders';
import { eventually } from '../support/eventually';
import { PushServiceStandIn, TestSubscription } from '../support/push-service-stand-in';
import { createTestApp, TestApp } from '../support/test-app';
import { expectNoSeriousA11yIssues, screenshot, signInThroughUi, WEB_DIST } from './web-harness';

/**
 * Web Push in the browser. Chromium here has no network, and refuses push in Playwright's (incognito)
 * contexts, so `pushManager.subscribe()` cannot reach a real push service. What is real: the service worker
 * under the page's CSP, the server's payloads (built by its own `newMessagePush`, or captured by a push
 * service stand-in after the server encrypted them) handed to the worker through DevTools'
 * `ServiceWorker.deliverPushMessage`, the notifications it shows, and the settings against the real API.
 * Where a test needs a subscription, `PushManager` is replaced in the page by one on the stand-in.
 * Page code is strings (the test tsconfig has no DOM types; waitForFunction would eval under the CSP).
 */
const SUBJECT = 'mailto:ops@parley.test';
const SUBSCRIPTIONS = '/api/v1/notifications/push-subscriptions';

interface Shown {
  title: string;
  body: string;
  tag: string;
}

const shownNotifications = (page: Page) =>
  page.evaluate<Shown[]>(
    `navigator.serviceWorker.ready.then((r) => r.getNotifications())
      .then((list) => list.map((n) => ({ title: n.title, body: n.body, tag: n.tag })))`,
  );

/** A PushManager whose subscription is the stand-in's (kept in localStorage, so it survives a reload). */
function fakePushManager(subscription: TestSubscription): string {
  const json = JSON.stringify({
    endpoint: subscription.endpoint,
    expirationTime: null,
    keys: subscription.keys,
  });
  return `(() => {
    const json = ${json};
    const make = (key) => ({
      endpoint: json.endpoint, expirationTime: null, options: { userVisibleOnly: true, applicationServerKey: key },
      toJSON: () => json, getKey: () => null,
      unsubscribe: async () => { localStorage.removeItem('test-push-key'); return true; },
    });
    const stored = () => localStorage.getItem('test-push-key');
    PushManager.prototype.subscribe = async function (options) {
      const key = new Uint8Array(options.applicationServerKey);
      localStorage.setItem('test-push-key', JSON.stringify(Array.from(key)));
      return make(key.buffer);
    };
    PushManager.prototype.getSubscription = async function () {
      return stored() ? make(new Uint8Array(JSON.parse(stored())).buffer) : null;
    };
  })()`;
}

describe('Web Push in the browser', () => {
  let t: TestApp;
  let bare: TestApp;
  let browser: Browser;
  const vapid = generateVAPIDKeys();
  const pushService = new PushServiceStandIn({ publicKey: vapid.publicKey, subject: SUBJECT });
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await pushService.start();
    [t, bare, browser] = await Promise.all([
      createTestApp({
        WEB_DIST_DIR: WEB_DIST,
        WEB_PUSH_VAPID_PUBLIC_KEY: vapid.publicKey,
        WEB_PUSH_VAPID_PRIVATE_KEY: vapid.privateKey,
        WEB_PUSH_SUBJECT: SUBJECT,
        WEB_PUSH_ENDPOINT_HOSTS: '127.0.0.1',
      }),
      createTestApp({ WEB_DIST_DIR: WEB_DIST }),
      launchBrowser(),
    ]);
  }, 120_000);

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    expect(pushService.problems).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([t?.close(), bare?.close()]);
    await pushService.close();
  });

  async function newContext(options: { app?: TestApp; allow?: boolean; initScript?: string } = {}) {
    const app = options.app ?? t;
    const context = await browser.newContext({
      colorScheme: 'light',
      viewport: { width: 1280, height: 800 },
    });
    contexts.push(context);
    if (options.allow) {
      await context.grantPermissions(['notifications'], { origin: app.url });
    }
    if (options.initScript) {
      await context.addInitScript({ content: options.initScript });
    }
    return context;
  }

  /** A page signed in as the user, with what it reports recorded, and its service worker in control. */
  async function signedIn(context: BrowserContext, user: RegisteredUser, app = t) {
    const page = await context.newPage();
    const problems = recordProblems(page);
    await page.goto(`${app.url}/login`);
    await signInThroughUi(page, user.email, user.password);
    await eventually(
      async () =>
        expect(await page.evaluate('navigator.serviceWorker.controller?.scriptURL')).toBe(`${app.url}/sw.js`),
      10_000,
    );
    return { page, problems };
  }

  /** Hands a payload to the page's service worker as its push service would (after decrypting it). */
  async function deliverPush(page: Page, payload: NewMessagePush | Record<string, unknown>): Promise<void> {
    const cdp = await page.context().newCDPSession(page);
    const registrations: Array<{ registrationId: string; scopeURL: string; isDeleted: boolean }> = [];
    cdp.on('ServiceWorker.workerRegistrationUpdated', (event) => registrations.push(...event.registrations));
    await cdp.send('ServiceWorker.enable');
    await eventually(async () =>
      expect(registrations.some((r) => r.scopeURL === `${t.url}/` && !r.isDeleted)).toBe(true),
    );
    const { registrationId } = registrations.find((r) => r.scopeURL === `${t.url}/` && !r.isDeleted)!;
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin: t.url,
      registrationId,
      data: JSON.stringify(payload),
    });
    await cdp.detach();
  }

  /**
   * No CSP violation and no uncaught error. Other console errors are the app's expected answers (the 401 of
   * the first refresh, the 404 of "no export yet") and Chromium's note that incognito has no push.
   */
  const noProblems = (problems: PageProblems) => {
    expect(problems.consoleErrors.filter((text) => /Content.Security.Policy|Refused to/i.test(text))).toEqual(
      [],
    );
    expect(problems.pageErrors).toEqual([]);
  };

  const endpointsOf = async (user: RegisteredUser) =>
    (
      (
        await t
          .http()
          .get(SUBSCRIPTIONS)
          .set(...bearer(user))
      ).body.subscriptions as Array<{ endpoint: string }>
    ).map((s) => s.endpoint);

  it('registers the service worker at /sw.js, which controls the page under the CSP', async () => {
    const user = await registerUser(t);
    const { page, problems } = await signedIn(await newContext(), user);
    const script = await page.request.get(`${t.url}/sw.js`);
    expect(script.status()).toBe(200);
    expect(script.headers()['content-type']).toMatch(/javascript/);
    expect(script.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(script.headers()['cache-control']).toBe('no-cache');
    expect(await page.evaluate('navigator.serviceWorker.ready.then((r) => r.scope)')).toBe(`${t.url}/`);
    await page.reload();
    await page.getByRole('link', { name: 'Settings' }).waitFor();
    noProblems(problems);
  });

  it('turns push on, shows what the server pushed as a notification, and turns it off', async () => {
    const [user, ada] = await Promise.all([
      registerUser(t),
      registerUser(t, { displayName: 'Ada Lovelace' }),
    ]);
    const conversationId = await directConversation(t, ada, user);
    const subscription = pushService.subscription();
    const context = await newContext({ allow: true, initScript: fakePushManager(subscription) });
    const { page, problems } = await signedIn(context, user);
    await page.getByRole('link', { name: 'Settings' }).click();
    const section = page.getByRole('region', { name: 'Notifications' });
    await section.getByText('Allowed').waitFor();
    await section.getByRole('button', { name: 'Enable notifications on this device' }).click();
    await section.getByText('Notifications are on for this device.').waitFor();
    expect(await endpointsOf(user)).toEqual([subscription.endpoint]);

    // Offline (no open page), the user gets a push for Ada's message: the server's payload, encrypted.
    await page.close();
    await eventually(async () => {
      const res = await t
        .http()
        .get(`/api/v1/users/${user.id}/presence`)
        .set(...bearer(ada));
      expect(res.body.online).toBe(false);
    });
    const message = await sendText(t, ada, conversationId, 'lunch at noon?');
    await eventually(async () => expect(pushService.pushesTo(subscription)).toHaveLength(1), 15_000);
    const [{ payload }] = pushService.pushesTo(subscription);
    expect(payload).toEqual(
      newMessagePush(
        { ...message, conversationId, senderId: ada.id, type: MessageType.Text, content: 'lunch at noon?' },
        'Ada Lovelace',
        null,
        true,
      ),
    );

    const settings = await context.newPage();
    problems.consoleErrors.push(...recordProblems(settings).consoleErrors);
    await settings.goto(`${t.url}/settings`);
    await deliverPush(settings, payload);
    const tag = `conversation:${conversationId}`;
    await eventually(
      async () =>
        expect(await shownNotifications(settings)).toEqual([
          { title: 'Ada Lovelace', body: 'lunch at noon?', tag },
        ]),
      15_000,
    );

    // A burst in one conversation keeps one notification, showing the latest.
    await deliverPush(settings, { ...payload, messageId: 'next', seq: message.seq + 1, body: 'or one?' });
    await eventually(
      async () =>
        expect(await shownNotifications(settings)).toEqual([{ title: 'Ada Lovelace', body: 'or one?', tag }]),
      15_000,
    );

    // Back on the page (the app registered its subscription again as it started), push goes off.
    const region = settings.getByRole('region', { name: 'Notifications' });
    await region.getByRole('button', { name: 'Disable notifications on this device' }).click();
    await region.getByText('Notifications are off for this device.').waitFor();
    expect(await endpointsOf(user)).toEqual([]);
    noProblems(problems);
  });

  it('shows no notification for the conversation in front, and shows the others', async () => {
    const [user, ada] = await Promise.all([
      registerUser(t),
      registerUser(t, { displayName: 'Ada Lovelace' }),
    ]);
    const [direct, group] = await Promise.all([
      directConversation(t, ada, user),
      groupConversation(t, ada, [user]),
    ]);
    const { page, problems } = await signedIn(await newContext({ allow: true }), user);
    await page.goto(`${t.url}/c/${direct}`);
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    await page.bringToFront();
    expect(await page.evaluate('document.visibilityState === "visible" && document.hasFocus()')).toBe(true);

    const message = { id: 'm1', seq: 1, senderId: ada.id, type: MessageType.Text, content: 'see you there' };
    await deliverPush(
      page,
      newMessagePush({ ...message, conversationId: direct }, 'Ada Lovelace', null, true),
    );
    await deliverPush(
      page,
      newMessagePush({ ...message, conversationId: group }, 'Ada Lovelace', 'Team', false),
    );
    // Pushes are handled in order: once the group's is shown, the direct one was decided.
    await eventually(
      async () =>
        expect(await shownNotifications(page)).toEqual([
          { title: 'Team', body: `Ada Lovelace: ${GENERIC_BODY}`, tag: `conversation:${group}` },
        ]),
      15_000,
    );
    noProblems(problems);
  });

  it('says clearly when the browser cannot subscribe, and passes axe', async () => {
    const user = await registerUser(t);
    const { page, problems } = await signedIn(await newContext({ allow: true }), user);
    await page.getByRole('link', { name: 'Settings' }).click();
    const section = page.getByRole('region', { name: 'Notifications' });
    await section.getByRole('button', { name: 'Enable notifications on this device' }).click();
    await section
      .getByRole('alert')
      .filter({ hasText: 'This browser could not set up push notifications' })
      .waitFor();
    await section.getByText('Off', { exact: true }).waitFor();
    await expectNoSeriousA11yIssues(page);
    await section.evaluate('(el) => el.scrollIntoView({ block: "center" })');
    await screenshot(page, 'settings-notifications', { docs: true });
    expect(await endpointsOf(user)).toEqual([]);
    noProblems(problems);
  });

  it('explains a blocked permission, and a server without push', async () => {
    const user = await registerUser(t);
    const { page } = await signedIn(await newContext(), user);
    await page.getByRole('link', { name: 'Settings' }).click();
    const section = page.getByRole('region', { name: 'Notifications' });
    await section.getByRole('button', { name: 'Enable notifications on this device' }).click();
    // Headless Chromium answers the permission prompt with "denied", as a user blocking it would.
    await section.getByRole('alert').filter({ hasText: 'Notifications are blocked for this site' }).waitFor();
    await section.getByText('Blocked', { exact: true }).waitFor();
    expect(
      await section.getByRole('button', { name: 'Enable notifications on this device' }).isDisabled(),
    ).toBe(true);

    const other = await registerUser(bare);
    const { page: barePage } = await signedIn(await newContext({ app: bare, allow: true }), other, bare);
    await barePage.getByRole('link', { name: 'Settings' }).click();
    await barePage
      .getByRole('region', { name: 'Notifications' })
      .getByText('Push notifications are not available on this server.')
      .waitFor();
  });
});
