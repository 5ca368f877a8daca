import { InboxService } from '../../src/notifications/inbox/inbox.service';
import { bearer } from '../support/builders';
import { directConversation, groupConversation, sendText } from '../support/chat-builders';
import { DELAY_MS, emailDigestHarness, WEB_URL } from '../support/email-digest-harness';
import { eventually } from '../support/eventually';
import { connectChat } from '../support/socket-client';
import { uniqueName } from '../support/test-app';

describe('Email digests', () => {
  const h = emailDigestHarness();

  /** Nothing is on its way: no countdown left, and nothing arrived. */
  const expectNoDigest = async (user: { id: string; email: string }) => {
    expect(await h.countdown(user as never)).toBe('unknown');
    expect(h.smtp.count(user.email)).toBe(0);
  };

  it('sends one digest after the delay for a burst of direct messages to an offline user, grouped by conversation, without their text', async () => {
    const [ana, cy, bob] = [await h.user('Ana Lima'), await h.user('Cy Park'), await h.user('Bob Stone')];
    const [fromAna, fromCy] = [
      await directConversation(h.t, ana, bob),
      await directConversation(h.t, cy, bob),
    ];
    const sentAt = Date.now();
    for (const text of ['secret plan one', 'secret plan two', 'secret plan three']) {
      await sendText(h.t, ana, fromAna, text);
    }
    await sendText(h.t, cy, fromCy, 'secret plan four');
    await h.countdownStarted(bob);

    const { mail, body } = await h.nextDigest(bob);
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(DELAY_MS);
    expect(body).toContain('Parley: 4 unread messages');
    expect(body).toContain(`Cy Park\n  1 unread message\n  ${WEB_URL}/c/${fromCy}`);
    expect(body).toContain(`Ana Lima\n  3 unread messages\n  ${WEB_URL}/c/${fromAna}`);
    expect(body).toContain(`${WEB_URL}/notifications`);
    expect(mail.raw).toContain('Content-Type: text/html');
    expect(mail.raw).not.toMatch(/secret plan/);
    await h.countdownOver(bob);
    await expectNoDigest(bob);
    // The senders were never away from a conversation with unread messages of someone else.
    expect(h.smtp.count(ana.email) + h.smtp.count(cy.email)).toBe(0);
  });

  it('sends nothing when the messages were read before the delay', async () => {
    const [ana, bob] = [await h.user(), await h.user()];
    const conversationId = await directConversation(h.t, ana, bob);
    const message = await sendText(h.t, ana, conversationId, 'read me');
    await h.countdownStarted(bob);
    const read = await h.t
      .http()
      .post(`/api/v1/conversations/${conversationId}/read`)
      .set(...bearer(bob))
      .send({ seq: message.seq });
    expect(read.status).toBe(200);

    await h.countdownOver(bob);
    await expectNoDigest(bob);
  });

  it('stops the countdown when the user connects a socket', async () => {
    const [ana, bob] = [await h.user(), await h.user()];
    const conversationId = await directConversation(h.t, ana, bob);
    await sendText(h.t, ana, conversationId, 'are you there?');
    await h.countdownStarted(bob);

    const socket = await connectChat(h.t, bob);
    await h.countdownOver(bob);
    socket.disconnect();
    await new Promise((resolve) => setTimeout(resolve, DELAY_MS));
    await expectNoDigest(bob);
  });

  it('does not count down for a message that reached the recipient live', async () => {
    const [ana, bob] = [await h.user(), await h.user()];
    const conversationId = await directConversation(h.t, ana, bob);
    await connectChat(h.t, bob);
    await eventually(async () => {
      const res = await h.t
        .http()
        .get(`/api/v1/users/${bob.id}/presence`)
        .set(...bearer(ana));
      expect(res.body).toMatchObject({ online: true });
    });
    await sendText(h.t, ana, conversationId, 'seen live');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expectNoDigest(bob);
  });

  it('emails a mention in a group, under the group title', async () => {
    const [ana, bob, cy] = [await h.user('Ana Group'), await h.user('Bob Group'), await h.user()];
    const groupId = await groupConversation(h.t, ana, [bob, cy]);
    await sendText(h.t, ana, groupId, `hey @${bob.id} look`);
    await sendText(h.t, ana, groupId, `and again @${bob.id}`);
    await h.countdownStarted(bob);

    const { body } = await h.nextDigest(bob);
    expect(body).toContain(`Team\n  Ana Group mentioned you 2 times\n  ${WEB_URL}/c/${groupId}`);
    expect(body).not.toContain('look');
    // Plain group messages are not emailed: the member who was not mentioned gets nothing.
    await h.countdownOver(cy);
    await expectNoDigest(cy);
  });

  it('sends nothing to a user who is online when the countdown ends', async () => {
    const [ana, bob, cy] = [await h.user(), await h.user(), await h.user()];
    const groupId = await groupConversation(h.t, ana, [bob, cy]);
    await connectChat(h.t, bob);
    // A mention starts the countdown whether or not the user is online; the run looks again.
    await sendText(h.t, ana, groupId, `@${bob.id} standup?`);
    await h.countdownStarted(bob);
    await h.countdownOver(bob);
    await expectNoDigest(bob);
  });

  it('emails a missed call and a service notification that asked for email, never its body', async () => {
    const [ana, bob] = [await h.user('Ana Caller'), await h.user()];
    const conversationId = await directConversation(h.t, ana, bob);
    const inbox = h.t.app.get(InboxService, { strict: false });
    const service = (key: string, title: string) => ({
      userId: bob.id,
      kind: 'service' as const,
      groupKey: key,
      sourceId: key,
      actorId: null,
      title,
      body: 'secret service body',
    });
    await inbox.deliver(service(uniqueName('quiet'), 'In-app only'));
    await inbox.deliver(service(uniqueName('loud'), 'Build failed'), { email: true });
    await inbox.deliver({
      userId: bob.id,
      kind: 'missed_call',
      groupKey: uniqueName('call'),
      sourceId: uniqueName('call'),
      actorId: ana.id,
      conversationId,
    });
    await h.countdownStarted(bob);

    const { body } = await h.nextDigest(bob);
    expect(body).toContain(`Ana Caller\n  Missed call from Ana Caller\n  ${WEB_URL}/c/${conversationId}`);
    expect(body).toContain(`Notifications\n  Build failed\n  ${WEB_URL}/notifications`);
    expect(body).not.toContain('In-app only');
    expect(body).not.toContain('secret service body');
  });

  it('sends nothing to a user who turned digests off', async () => {
    const [ana, bob] = [await h.user(), await h.user()];
    await h.settings(bob, { emailDigest: false });
    const conversationId = await directConversation(h.t, ana, bob);
    await sendText(h.t, ana, conversationId, 'hello?');
    await new Promise((resolve) => setTimeout(resolve, DELAY_MS + 500));
    await expectNoDigest(bob);
  });

  it('does not email a muted direct conversation', async () => {
    const [ana, bob] = [await h.user(), await h.user()];
    const conversationId = await directConversation(h.t, ana, bob);
    const muted = await h.t
      .http()
      .patch(`/api/v1/conversations/${conversationId}/me`)
      .set(...bearer(bob))
      .send({ muted: true });
    expect(muted.status).toBe(200);
    await sendText(h.t, ana, conversationId, 'quiet one');
    await h.countdownStarted(bob);
    await h.countdownOver(bob);
    await expectNoDigest(bob);
  });

  it('holds the digest through quiet hours, and sends it once they are over', async () => {
    const [ana, bob] = [await h.user('Ana Quiet'), await h.user()];
    const now = new Date();
    const clock = (offsetMinutes: number) =>
      new Date(now.getTime() + offsetMinutes * 60_000).toISOString().slice(11, 16);
    await h.settings(bob, { quietHours: { start: clock(-60), end: clock(60), timeZone: 'UTC' } });
    const conversationId = await directConversation(h.t, ana, bob);
    await sendText(h.t, ana, conversationId, 'at night');
    await h.countdownStarted(bob);

    // The run finds the user in quiet hours and puts the countdown back until they end (an hour on).
    // Ran once and back to waiting (a run is 'active' until it has put itself back).
    await waitFor(async () => {
      const job = await h.countdownJob(bob);
      return (job?.attemptsStarted ?? 0) > 0 && (await job!.getState()) === 'delayed';
    }, DELAY_MS * 4);
    const held = await h.countdownJob(bob);
    expect(held!.delay).toBeGreaterThan(55 * 60_000);
    expect(h.smtp.count(bob.email)).toBe(0);

    // The end of quiet hours, brought forward: the settings change, then the job's time comes.
    await h.settings(bob, { quietHours: null });
    await held!.promote();
    const { body } = await h.nextDigest(bob);
    expect(body).toContain('Ana Quiet\n  1 unread message');
  });

  it('lists only what came after the previous digest', async () => {
    const [ana, cy, bob] = [await h.user('Ana Again'), await h.user('Cy Again'), await h.user()];
    const [fromAna, fromCy] = [
      await directConversation(h.t, ana, bob),
      await directConversation(h.t, cy, bob),
    ];
    await sendText(h.t, ana, fromAna, 'first');
    await h.countdownStarted(bob);
    expect((await h.nextDigest(bob)).body).toContain('Ana Again');
    await h.countdownOver(bob);

    await sendText(h.t, cy, fromCy, 'second');
    await h.countdownStarted(bob);
    const { body } = await h.nextDigest(bob);
    expect(body).toContain('Cy Again\n  1 unread message');
    expect(body).not.toContain('Ana Again');
  });

  it('delivers one user’s digest while another’s address refuses mail', async () => {
    const [ana, bob, cy] = [await h.user(), await h.user(), await h.user('Cy Reachable')];
    h.smtp.refuse(bob.email);
    const [toBob, toCy] = [await directConversation(h.t, ana, bob), await directConversation(h.t, ana, cy)];
    await sendText(h.t, ana, toBob, 'bounce');
    await sendText(h.t, ana, toCy, 'arrives');
    await h.countdownStarted(bob);
    await h.countdownStarted(cy);

    const { body } = await h.nextDigest(cy);
    expect(body).toContain('1 unread message');
    // The refused email is retried (its own job, with backoff) and never delivered; the other one was not held up.
    await waitFor(async () => h.smtp.refusals(bob.email) >= 2, DELAY_MS * 4);
    expect(h.smtp.count(bob.email)).toBe(0);
  });
});

describe('Email digests on two instances', () => {
  const h = emailDigestHarness({}, 2);

  it('sends one digest for a burst sent through both instances', async () => {
    const [ana, bob] = [await h.user('Ana Twice'), await h.user()];
    const conversationId = await directConversation(h.t, ana, bob);
    await sendText(h.t, ana, conversationId, 'through one');
    await sendText(h.other, ana, conversationId, 'through the other');
    await h.countdownStarted(bob);

    const { body } = await h.nextDigest(bob);
    expect(body).toContain('Ana Twice\n  2 unread messages');
    await h.countdownOver(bob);
    expect(h.smtp.count(bob.email)).toBe(0);
  });

  it('stops the countdown when the user connects to the other instance', async () => {
    const [ana, bob] = [await h.user(), await h.user()];
    await sendText(h.t, ana, await directConversation(h.t, ana, bob), 'where are you?');
    await h.countdownStarted(bob);
    await connectChat(h.other, bob);
    await h.countdownOver(bob);
    expect(h.smtp.count(bob.email)).toBe(0);
  });
});

/** Polls a condition until it holds or the time is up. */
async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error('condition not met in time');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
