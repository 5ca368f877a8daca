import type { Page } from 'playwright-core';
import { signTurnCredential } from '../../src/calls/turn-credentials';
import { registerUser } from '../support/builders';
import { directConversation } from '../support/chat-builders';
import { RunningCoturn, startCoturn } from '../support/coturn';
import { createTestApp } from '../support/test-app';
import {
  allPeerStates,
  callNotice,
  callPage,
  callView,
  openConversation,
  ringing,
  untilCallLines,
  untilDecodingFrom,
} from './call-pages';
import { useWebApp, WEB_DIST } from './web-harness';

const SECRET = 'browser-relay-test-secret-of-enough-length';

/**
 * Every TURN credential the server sends the page (in `incoming_call` and the acks of `call_invite` /
 * `call_accept`) replaced on the wire by one the test signs with the same secret but already expired: the
 * app uses what Parley hands it, as it would a credential kept past its TTL. Returns how many it replaced.
 */
async function expireTurnCredentials(page: Page): Promise<() => number> {
  let replaced = 0;
  await page.routeWebSocket(/\/socket\.io\//, (socket) => {
    const server = socket.connectToServer();
    socket.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      if (typeof message !== 'string') {
        socket.send(message);
        return;
      }
      socket.send(
        message.replace(/"username":"\d+:([a-f\d]{24})","credential":"[^"]*"/g, (_match, userId: string) => {
          replaced += 1;
          const expired = signTurnCredential(SECRET, userId, -60);
          return `"username":"${expired.username}","credential":"${expired.credential}"`;
        }),
      );
    });
  });
  return () => replaced;
}

/**
 * Calls through a real coturn on loopback, with "Relay calls" on in both browsers (iceTransportPolicy
 * 'relay'): media flows only through TURN, with the credentials Parley signs, and an expired one cannot connect.
 */
describe('calls relayed through TURN in the browser', () => {
  let coturn: RunningCoturn | undefined;
  const app = useWebApp({
    start: async () => {
      coturn = await startCoturn(SECRET);
      return createTestApp({
        WEB_DIST_DIR: WEB_DIST,
        TURN_URLS: coturn.url,
        TURN_SHARED_SECRET: SECRET,
        TURN_CREDENTIAL_TTL_SECONDS: '60',
      });
    },
  });
  afterAll(async () => {
    await coturn?.stop();
  });

  async function pair(options: { before?: (page: Page) => Promise<void> } = {}) {
    const ana = await registerUser(app.t, { displayName: 'Ana Lima' });
    const bo = await registerUser(app.t, { displayName: 'Bo Chen' });
    const conversationId = await directConversation(app.t, ana, bo);
    const [anaPage, boPage] = await Promise.all([
      callPage(app, ana, { relay: true, ...options }),
      callPage(app, bo, { relay: true, ...options }),
    ]);
    await openConversation(anaPage, conversationId, 'Bo Chen');
    await anaPage.getByRole('button', { name: 'Start video call' }).click();
    await ringing(boPage, 'video', 'Ana Lima').getByRole('button', { name: 'Accept' }).click();
    return { anaPage, boPage };
  }

  it('connects only through the relay, with the credentials from the invite and accept acks', async () => {
    const { anaPage, boPage } = await pair();
    const [boStats, anaStats] = await Promise.all([
      untilDecodingFrom(boPage, 1),
      untilDecodingFrom(anaPage, 1),
    ]);
    expect(boStats[0]).toMatchObject({ local: 'relay', remote: 'relay' });
    expect(anaStats[0]).toMatchObject({ local: 'relay', remote: 'relay' });
    for (const page of [anaPage, boPage]) {
      for (const peer of await allPeerStates(page)) {
        expect(peer.localCandidateTypes.every((type) => type === 'relay')).toBe(true);
      }
    }
    await callView(boPage).getByRole('button', { name: 'Hang up' }).click();
    await callNotice(anaPage, /^Call ended/).waitFor();
  }, 120_000);

  it('cannot connect with an expired TURN credential: no relay candidate, nothing connects, the call ends failed', async () => {
    const rewrites: Array<() => number> = [];
    const { anaPage, boPage } = await pair({
      before: async (page) => {
        rewrites.push(await expireTurnCredentials(page));
      },
    });
    await callView(boPage).waitFor();
    // Both joined (the call is answered), so each side has its peer connection…
    await callView(anaPage)
      .getByRole('timer')
      .filter({ hasText: /^0:\d\d$/ })
      .waitFor();
    // …which gathers no candidate at all (coturn refuses the allocation), so there is nothing to try: the
    // call screen says so…
    for (const page of [anaPage, boPage]) {
      await callView(page).getByText('Could not connect').waitFor({ timeout: 20_000 });
    }
    for (const page of [anaPage, boPage]) {
      const peers = await allPeerStates(page);
      expect(peers.length).toBeGreaterThan(0);
      for (const peer of peers) {
        expect(peer.localCandidateTypes).toEqual([]);
        expect(peer.connection).not.toBe('connected');
        expect(['new', 'checking', 'failed', 'disconnected']).toContain(peer.ice);
      }
    }
    // Each page did receive credentials, all of them replaced by expired ones.
    expect(rewrites).toHaveLength(2);
    expect(rewrites.every((count) => count() > 0)).toBe(true);

    // …and the call ends as failed (call_end with reason 'failed'), recorded so in the timeline.
    for (const page of [anaPage, boPage]) {
      await callNotice(page, 'The call failed').waitFor({ timeout: 20_000 });
      await callView(page).waitFor({ state: 'detached' });
      await untilCallLines(page, ['Video call · Failed']);
    }
  }, 120_000);
});
