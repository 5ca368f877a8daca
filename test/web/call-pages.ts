import type { Locator, Page } from 'playwright-core';
import type { RegisteredUser } from '../support/builders';
import { eventually } from '../support/eventually';
import { signInThroughUi, WebApp } from './web-harness';

/**
 * Records every RTCPeerConnection the page makes in `window.__peerConnections`, so a test can read their
 * real stats. Installed before the app's own scripts; it wraps the browser's constructor, not Parley's code.
 * (A string: the test tsconfig has no DOM types.)
 */
const RECORD_PEER_CONNECTIONS = `(() => {
  const Native = window.RTCPeerConnection;
  const made = [];
  window.__peerConnections = made;
  window.RTCPeerConnection = class extends Native {
    constructor(...args) {
      super(...args);
      made.push(this);
    }
  };
})()`;

/** A browser profile of its own (a device) signed in as `user`, recording its peer connections. */
export async function callPage(
  app: WebApp,
  user: RegisteredUser,
  options: { relay?: boolean; before?: (page: Page) => Promise<void> } = {},
): Promise<Page> {
  const page = await app.newPage();
  await page.addInitScript(RECORD_PEER_CONNECTIONS);
  await options.before?.(page);
  await page.goto('/login');
  await signInThroughUi(page, user.email, user.password);
  if (options.relay) {
    // Settings → Calls, as a user who wants their IP address hidden turns it on.
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Relay calls through the server').check();
    await page.goBack();
  }
  await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  return page;
}

export async function openConversation(page: Page, conversationId: string, title: string): Promise<void> {
  await page.goto(`/c/${conversationId}`);
  await page.getByRole('heading', { name: title, level: 2 }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
}

export function ringing(page: Page, kind: 'voice' | 'video', caller: string): Locator {
  return page.getByRole('alertdialog', { name: `Incoming ${kind} call from ${caller}` });
}

export function callView(page: Page): Locator {
  return page.getByRole('region', { name: /^(Video|Voice) call with / });
}

export function callNotice(page: Page, text: string | RegExp): Locator {
  return page.locator('.call-notice', { hasText: text });
}

/** The timeline's call lines, as read on screen. */
export function callLines(page: Page): Locator {
  return page.getByRole('log', { name: 'Messages' }).locator('li.call-message .call-message-text');
}

/** Waits until the timeline's call lines read `expected` (exact strings or patterns), in order. */
export function untilCallLines(page: Page, expected: Array<string | RegExp>): Promise<void> {
  return untilLines(callLines(page), expected);
}

/** Waits until the locator's texts read `expected` (exact strings or patterns), in order. */
export async function untilLines(locator: Locator, expected: Array<string | RegExp>): Promise<void> {
  await eventually(
    async () => {
      const lines = (await locator.allTextContents()).map((text) => text.trim());
      expect(lines).toHaveLength(expected.length);
      expected.forEach((line, index) =>
        typeof line === 'string' ? expect(lines[index]).toBe(line) : expect(lines[index]).toMatch(line),
      );
    },
    15_000,
    200,
  );
}

/** Per connected peer connection of the page: video frames decoded, and the selected pair's candidate types. */
export interface PeerStats {
  framesDecoded: number;
  local: string | null;
  remote: string | null;
}

/** Reads getStats of every connected RTCPeerConnection the page made, in the page. */
export function connectedPeerStats(page: Page): Promise<PeerStats[]> {
  return page.evaluate<PeerStats[]>(`(async () => {
    const results = [];
    for (const pc of window.__peerConnections) {
      if (pc.connectionState !== 'connected') continue;
      const stats = [...(await pc.getStats()).values()];
      const byId = new Map(stats.map((s) => [s.id, s]));
      const framesDecoded = stats
        .filter((s) => s.type === 'inbound-rtp' && s.kind === 'video')
        .reduce((sum, s) => sum + (s.framesDecoded || 0), 0);
      const transport = stats.find((s) => s.type === 'transport' && s.selectedCandidatePairId);
      const pair = transport ? byId.get(transport.selectedCandidatePairId) : undefined;
      results.push({
        framesDecoded,
        local: pair ? byId.get(pair.localCandidateId)?.candidateType ?? null : null,
        remote: pair ? byId.get(pair.remoteCandidateId)?.candidateType ?? null : null,
      });
    }
    return results;
  })()`);
}

/** Every peer connection the page made, connected or not: its states and the local candidate types gathered. */
export function allPeerStates(
  page: Page,
): Promise<Array<{ connection: string; ice: string; localCandidateTypes: string[] }>> {
  return page.evaluate(`(async () => Promise.all(window.__peerConnections.map(async (pc) => ({
    connection: pc.connectionState,
    ice: pc.iceConnectionState,
    localCandidateTypes: [...(await pc.getStats()).values()]
      .filter((s) => s.type === 'local-candidate')
      .map((s) => s.candidateType),
  }))))()`);
}

/** Waits until the page has `peers` connected peer connections, each decoding video from its peer. */
export async function untilDecodingFrom(page: Page, peers: number, timeoutMs = 30_000): Promise<PeerStats[]> {
  let last: PeerStats[] = [];
  await eventually(
    async () => {
      last = await connectedPeerStats(page);
      expect(last).toHaveLength(peers);
      for (const peer of last) {
        expect(peer.framesDecoded).toBeGreaterThan(0);
      }
    },
    timeoutMs,
    250,
  );
  return last;
}
