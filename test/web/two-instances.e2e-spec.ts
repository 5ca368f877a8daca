import { createTestInstances, TestApp } from '../support/test-app';
import { ChatUser, composer, expectTexts, messageWith, send, signUp, storedMessages } from './chat-pages';
import { useWebApp, WEB_DIST } from './web-harness';

/**
 * Two replicas sharing MongoDB and Redis, each user's page served by (and its socket connected to) a
 * different one: everything the client shows live crosses processes through the Redis adapter.
 */
describe('web chat across two instances', () => {
  let b: TestApp;
  // The harness's app is instance A; B is closed here.
  const app = useWebApp({
    start: async () => {
      const [a, second] = await createTestInstances({ WEB_DIST_DIR: WEB_DIST, CORS_ORIGINS: '' });
      b = second;
      return a;
    },
  });
  let ann: ChatUser;
  let bob: ChatUser;

  afterAll(() => b?.close());

  it('delivers messages, typing, read ticks and presence between pages on different instances', async () => {
    [ann, bob] = await Promise.all([signUp(app, 'Ann Ames'), signUp(app, 'Bob Banks', { baseURL: b.url })]);

    await ann.page.getByRole('button', { name: 'New chat' }).click();
    await ann.page.getByLabel('Search people').fill('Bob');
    await ann.page.getByRole('button', { name: 'Chat with Bob Banks' }).click();
    await send(ann.page, 'Hello from instance A');

    // Bob, on instance B, gets the new conversation live and reads it; Ann sees the read tick.
    await bob.page.getByRole('link', { name: /Ann Ames.*1 unread/ }).click();
    await expectTexts(storedMessages(bob.page), ['Hello from instance A']);
    await messageWith(ann.page, 'Hello from instance A').getByRole('img', { name: 'Read' }).waitFor();

    await composer(bob.page).pressSequentially('Hi', { delay: 20 });
    await ann.page.locator('.conversation-header .subtitle', { hasText: 'typing…' }).waitFor();
    await composer(bob.page).fill('');
    await send(bob.page, 'Hello from instance B');
    const both = ['Hello from instance A', 'Hello from instance B'];
    await expectTexts(storedMessages(ann.page), both);
    await expectTexts(storedMessages(bob.page), both);
    await messageWith(bob.page, 'Hello from instance B').getByRole('img', { name: 'Read' }).waitFor();

    // Presence crosses too: Bob's page closing turns him offline on Ann's page.
    await ann.page.locator('.conversation-header .subtitle', { hasText: 'online' }).waitFor();
    await bob.context.close();
    await ann.page
      .locator('.conversation-header .subtitle', { hasNotText: 'online' })
      .waitFor({ timeout: 20_000 });
  }, 120_000);
});
