import { registerUser } from '../support/builders';
import { recordProblems } from '../support/browser';
import { directConversation, groupConversation } from '../support/chat-builders';
import {
  callNotice,
  callPage,
  callView,
  connectedPeerStats,
  openConversation,
  ringing,
  untilCallLines,
  untilDecodingFrom,
  untilLines,
} from './call-pages';
import { expectNoSeriousA11yIssues, screenshot, useWebApp } from './web-harness';

/**
 * Calls in real Chromium pages (a fake camera and microphone), signaling through Parley: the RTCPeerConnections
 * are real and connect on loopback with host candidates; frames decoded are read from getStats in the page.
 */
describe('calls in the browser', () => {
  const app = useWebApp({ env: { CALL_RING_TIMEOUT_SECONDS: '8' } });

  it('connects a video call started from the header, decodes frames on both sides, and records it when hung up', async () => {
    const ana = await registerUser(app.t, { displayName: 'Ana Lima' });
    const bo = await registerUser(app.t, { displayName: 'Bo Chen' });
    const conversationId = await directConversation(app.t, ana, bo);
    const [anaPage, boPage] = await Promise.all([callPage(app, ana), callPage(app, bo)]);
    const problems = recordProblems(boPage);
    await openConversation(anaPage, conversationId, 'Bo Chen');

    await anaPage.getByRole('button', { name: 'Start video call' }).click();
    await callView(anaPage).getByRole('timer').filter({ hasText: 'Calling…' }).waitFor();
    const card = ringing(boPage, 'video', 'Ana Lima');
    await card.waitFor();
    await expectNoSeriousA11yIssues(boPage);
    await screenshot(boPage, 'web-call-incoming', { docs: true });
    await card.getByRole('button', { name: 'Accept' }).click();
    await card.waitFor({ state: 'detached' });

    // The callee decodes the caller's camera, and the caller the callee's, over host candidates.
    const [boStats, anaStats] = await Promise.all([
      untilDecodingFrom(boPage, 1),
      untilDecodingFrom(anaPage, 1),
    ]);
    // Direct between host candidates (the far end may be learnt from its checks first: peer-reflexive).
    for (const stats of [boStats[0], anaStats[0]]) {
      expect(stats.local).toBe('host');
      expect(['host', 'prflx']).toContain(stats.remote);
    }
    await callView(boPage)
      .getByRole('timer')
      .filter({ hasText: /^0:\d\d$/ })
      .waitFor();
    await boPage.getByRole('region', { name: 'Ana Lima', exact: true }).waitFor(); // the callee is on the chat
    await screenshot(boPage, 'web-call-video', { docs: true });

    // Muting is announced to the other side (call_media), which marks the tile.
    await callView(anaPage).getByRole('button', { name: 'Mute' }).click();
    await callView(boPage).getByRole('img', { name: 'muted' }).waitFor();
    await callView(anaPage).getByRole('button', { name: 'Unmute' }).waitFor();

    await callView(anaPage).getByRole('button', { name: 'Hang up' }).click();
    for (const page of [anaPage, boPage]) {
      await callView(page).waitFor({ state: 'detached' });
      await callNotice(page, /^Call ended · 0:\d\d$/).waitFor();
    }
    // History writes the call into the timeline, where both read it.
    await untilCallLines(anaPage, [/^Video call · \d+ s$/]);
    await untilCallLines(boPage, [/^Video call · \d+ s$/]);
    expect(await connectedPeerStats(boPage)).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
  }, 120_000);

  it('declines, stops ringing on the other device when answered there, and shows a missed call', async () => {
    const ana = await registerUser(app.t, { displayName: 'Ana Lima' });
    const bo = await registerUser(app.t, { displayName: 'Bo Chen' });
    const conversationId = await directConversation(app.t, ana, bo);
    const [anaPage, boLaptop, boPhone] = await Promise.all([
      callPage(app, ana),
      callPage(app, bo),
      callPage(app, bo),
    ]);
    await openConversation(anaPage, conversationId, 'Bo Chen');
    const call = () => anaPage.getByRole('button', { name: 'Start voice call' }).click();

    // Declined on the laptop: the phone stops ringing, Ana hears why.
    await call();
    await ringing(boPhone, 'voice', 'Ana Lima').waitFor();
    await ringing(boLaptop, 'voice', 'Ana Lima').getByRole('button', { name: 'Decline' }).click();
    await ringing(boPhone, 'voice', 'Ana Lima').waitFor({ state: 'detached' });
    await callNotice(anaPage, 'Bo Chen declined the call').waitFor();
    await callView(anaPage).waitFor({ state: 'detached' });

    // Answered on the phone: the laptop stops ringing and stays out of the call.
    await call();
    await ringing(boLaptop, 'voice', 'Ana Lima').waitFor();
    await ringing(boPhone, 'voice', 'Ana Lima').getByRole('button', { name: 'Accept' }).click();
    await ringing(boLaptop, 'voice', 'Ana Lima').waitFor({ state: 'detached' });
    await callView(boPhone).waitFor();
    expect(await callView(boLaptop).count()).toBe(0);
    await callView(anaPage)
      .getByRole('timer')
      .filter({ hasText: /^0:\d\d$/ })
      .waitFor();
    await callView(boPhone).getByRole('button', { name: 'Hang up' }).click();
    await callNotice(anaPage, /^Call ended/).waitFor();

    // Nobody answers: the ring times out (8 s here) everywhere.
    await call();
    await ringing(boLaptop, 'voice', 'Ana Lima').waitFor();
    await callNotice(anaPage, 'No answer').waitFor({ timeout: 20_000 });
    await ringing(boLaptop, 'voice', 'Ana Lima').waitFor({ state: 'detached' });
    await ringing(boPhone, 'voice', 'Ana Lima').waitFor({ state: 'detached' });

    await openConversation(boLaptop, conversationId, 'Ana Lima');
    const answered = /^Voice call · \d+ s$/;
    await untilCallLines(boLaptop, ['Declined voice call', answered, 'Missed voice call']);
    await untilCallLines(anaPage, ['Voice call · Declined', answered, 'Voice call · No answer']);
    await screenshot(boLaptop, 'web-call-timeline', { docs: true });

    // The calls page lists the three, newest first, from Bo's side.
    await boLaptop.getByRole('link', { name: 'Calls', exact: true }).click();
    const rows = boLaptop.getByRole('list', { name: 'Calls' }).locator('.call-record-text');
    await untilLines(rows, ['Missed voice call', answered, 'Declined voice call']);
    await boLaptop.locator('.calls-list li.missed', { hasText: 'Missed voice call' }).waitFor();
  }, 150_000);

  it('connects a group of three in full mesh (the third joining from the banner): every page decodes frames from the other two', async () => {
    const [ann, bob, cy] = await Promise.all(
      ['Ann Archer', 'Bob Baker', 'Cy Carter'].map((displayName) => registerUser(app.t, { displayName })),
    );
    const groupId = await groupConversation(app.t, ann, [bob, cy]);
    const [annPage, bobPage, cyPage] = await Promise.all([ann, bob, cy].map((user) => callPage(app, user)));
    await openConversation(annPage, groupId, 'Team');

    await openConversation(cyPage, groupId, 'Team');
    await annPage.getByRole('button', { name: 'Start video call' }).click();
    await ringing(bobPage, 'video', 'Ann Archer').getByRole('button', { name: 'Accept' }).click();
    await untilDecodingFrom(annPage, 1);
    // Cy declines (the group call goes on without her), then changes her mind from the banner.
    await ringing(cyPage, 'video', 'Ann Archer').getByRole('button', { name: 'Decline' }).click();
    const banner = cyPage.getByRole('region', { name: 'Call in progress' });
    await banner.getByText('Video call in progress · 2 people').waitFor();
    await banner.getByRole('button', { name: 'Join call' }).click();
    await banner.waitFor({ state: 'detached' });

    await Promise.all([annPage, bobPage, cyPage].map((page) => untilDecodingFrom(page, 2, 45_000)));
    await callView(cyPage).getByText('Bob Baker').waitFor();
    await callView(cyPage).getByText('Ann Archer').waitFor();
    await screenshot(cyPage, 'web-call-group', { docs: true });

    // Bob leaves: the others keep their link to each other and drop his.
    await callView(bobPage).getByRole('button', { name: 'Leave call' }).click();
    await callView(annPage).getByText('Bob Baker').waitFor({ state: 'detached' });
    await untilDecodingFrom(annPage, 1);
    await untilDecodingFrom(cyPage, 1);
    for (const page of [annPage, cyPage]) {
      await callView(page).getByRole('button', { name: 'Leave call' }).click();
      await callView(page).waitFor({ state: 'detached' });
    }
  }, 150_000);
});
