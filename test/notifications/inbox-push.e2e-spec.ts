import { bearer, RegisteredUser } from '../support/builders';
import { groupConversation, sendText } from '../support/chat-builders';
import { eventually } from '../support/eventually';
import { eventuallyInbox, inboxIdle, react, setNotify } from '../support/inbox';
import { connectChat } from '../support/socket-client';
import { users, webPushHarness } from '../support/web-push-harness';

describe('Inbox: Web Push of entries', () => {
  const h = webPushHarness();

  /** A group of `owner` with the others, its creation's entries settled, and a message of `owner`. */
  async function groupWithMessage(owner: RegisteredUser, others: RegisteredUser[]) {
    const group = await groupConversation(h.t, owner, others);
    await inboxIdle(h.t);
    const message = await sendText(h.t, owner, group, 'hello');
    return { group, message };
  }

  it('pushes a reaction to the offline sender’s devices with names, never text, and the entry as topic', async () => {
    const [ana, ben] = await users(h.t, 2);
    const { group, message } = await groupWithMessage(ana, [ben]);
    const phone = await h.subscribe(ana);

    await react(h.t, ben, group, message.id, '👍');

    await eventually(async () =>
      expect(
        h.pushService.pushesTo(phone).filter((push) => push.payload.type === 'notification'),
      ).toHaveLength(1),
    );
    const [push] = h.pushService
      .pushesTo(phone)
      .filter((received) => received.payload.type === 'notification');
    const [entry] = (await eventuallyInbox(h.t, ana, (inbox) => expect(inbox.items).toHaveLength(1))).items;
    expect(push).toEqual({
      payload: {
        type: 'notification',
        notificationId: entry.id,
        kind: 'reaction',
        conversationId: group,
        messageId: message.id,
        count: 1,
        title: 'Team',
        body: `${ben.displayName} reacted 👍 to your message`,
      },
      ttl: '86400',
      urgency: 'high',
      topic: entry.id,
    });
  });

  it('pushes being added to a group', async () => {
    const [ana, ben] = await users(h.t, 2);
    const phone = await h.subscribe(ben);
    await groupConversation(h.t, ana, [ben]);
    await eventually(async () =>
      expect(h.pushService.pushesTo(phone).map((push) => push.payload.body)).toEqual([
        `${ana.displayName} added you to Team`,
      ]),
    );
  });

  it('pushes nothing to a user with a socket open, with push turned off, or who muted the conversation; the entry is kept', async () => {
    const [ana, online, pushOff, muted, ben] = await users(h.t, 5);
    const { group } = await groupWithMessage(ben, [ana, online, pushOff, muted]);
    const messages = await Promise.all(
      [online, pushOff, muted].map((user) => sendText(h.t, user, group, `from ${user.displayName}`)),
    );
    const phones = await Promise.all([online, pushOff, muted].map((user) => h.subscribe(user)));
    await connectChat(h.t, online);
    const settings = await h.t
      .http()
      .patch('/api/v1/users/me/notification-settings')
      .set(...bearer(pushOff))
      .send({ push: false });
    expect(settings.status).toBe(200);
    await setNotify(h.t, muted, group, { muted: true });

    for (const message of messages) {
      await react(h.t, ana, group, message.id, '👍');
    }
    for (const user of [online, pushOff, muted]) {
      await eventuallyInbox(h.t, user, (inbox) =>
        expect(inbox.items.map((item) => item.kind)).toContain('reaction'),
      );
    }
    await inboxIdle(h.t);
    for (const phone of phones) {
      expect(h.pushService.pushesTo(phone).filter((push) => push.payload.type === 'notification')).toEqual(
        [],
      );
    }
  });

  it('keeps the push subscription routes working beside the inbox routes', async () => {
    const [ana] = await users(h.t, 1);
    const phone = await h.subscribe(ana);
    expect(await h.endpointsOf(ana)).toEqual([phone.endpoint]);
    const removed = await h.t
      .http()
      .delete('/api/v1/notifications/push-subscriptions')
      .set(...bearer(ana))
      .send({ endpoint: phone.endpoint });
    expect(removed.status).toBe(204);
    expect(await h.endpointsOf(ana)).toEqual([]);
  });
});
