import { MongoClient, ObjectId } from 'mongodb';
import { bearer, registerUser, RegisteredUser } from '../support/builders';
import { directConversation, groupConversation, sendText } from '../support/chat-builders';
import {
  eventuallyInbox,
  inboxIdle,
  inboxOf,
  messageJobDone,
  messageJobState,
  react,
  reactionJobDone,
  setNotify,
} from '../support/inbox';
import { closeSockets, connectChat } from '../support/socket-client';
import { connectTestMongo, createTestApp, TestApp } from '../support/test-app';

describe('Inbox: what creates a notification', () => {
  let t: TestApp;
  let mongo: MongoClient;

  beforeAll(async () => {
    t = await createTestApp();
    mongo = await connectTestMongo();
  });
  afterEach(() => closeSockets());
  afterAll(async () => {
    await t.close();
    await mongo.close();
  });

  const people = (count: number) => Promise.all(Array.from({ length: count }, () => registerUser(t)));
  const kindsOf = async (user: RegisteredUser) => (await inboxOf(t, user)).items.map((item) => item.kind);

  describe('mentions and replies', () => {
    it('gives a mentioned member one mention entry per conversation, growing with each mention, without the text', async () => {
      const [ana, ben, cy] = await people(3);
      const group = await groupConversation(t, ana, [ben, cy]);
      await inboxIdle(t);
      const first = await sendText(t, ana, group, `secret plans for @${ben.id}`);

      const one = await eventuallyInbox(t, ben, (inbox) =>
        expect(inbox.items.filter((item) => item.kind === 'mention')).toHaveLength(1),
      );
      expect(one.items.find((item) => item.kind === 'mention')).toMatchObject({
        conversationId: group,
        messageId: first.id,
        actors: [{ id: ana.id, displayName: ana.displayName, avatarUrl: null }],
        actorCount: 1,
        count: 1,
        readAt: null,
      });

      const second = await sendText(t, cy, group, `@${ben.id} seconded`);
      const grown = await eventuallyInbox(t, ben, (inbox) =>
        expect(inbox.items.find((item) => item.kind === 'mention')?.count).toBe(2),
      );
      expect(grown.items.filter((item) => item.kind === 'mention')).toEqual([
        expect.objectContaining({
          messageId: second.id,
          actors: [expect.objectContaining({ id: cy.id }), expect.objectContaining({ id: ana.id })],
          actorCount: 2,
        }),
      ]);
      // Messages are encrypted at rest; an entry holds ids and names, never their text.
      const stored = await mongo
        .db(t.databaseName)
        .collection('notifications')
        .find({ userId: new ObjectId(ben.id) })
        .toArray();
      expect(JSON.stringify(stored)).not.toMatch(/secret plans|seconded/);
    });

    it('gives the replied-to sender a reply entry (and no mention entry when the reply also mentions them)', async () => {
      const [ana, ben] = await people(2);
      const group = await groupConversation(t, ana, [ben]);
      const original = await sendText(t, ana, group, 'question');
      const reply = await sendText(t, ben, group, `@${ana.id} answer`, { replyTo: original.id });

      await messageJobDone(t, reply.id);
      const inbox = await inboxOf(t, ana);
      expect(inbox.items).toEqual([
        expect.objectContaining({
          kind: 'reply',
          messageId: reply.id,
          actors: [expect.objectContaining({ id: ben.id })],
        }),
      ]);
    });

    it('queues no job and writes nothing for a plain message, a self-mention or a reply to oneself', async () => {
      const [ana, ben] = await people(2);
      const group = await groupConversation(t, ana, [ben]);
      const plain = await sendText(t, ana, group, 'just chatting');
      const self = await sendText(t, ana, group, `note to @${ana.id}`, { replyTo: plain.id });
      const mention = await sendText(t, ana, group, `@${ben.id} look`);

      await messageJobDone(t, mention.id);
      expect(await messageJobState(t, plain.id)).toBe('unknown');
      expect(await messageJobState(t, self.id)).toBe('unknown');
      expect(await kindsOf(ana)).toEqual([]);
    });

    it('reaches every other member with @all, and only those online with @here, as mentions', async () => {
      const [ana, ben, cy, dee] = await people(4);
      const group = await groupConversation(t, ana, [ben, cy, dee]);
      await connectChat(t, ben);
      await inboxIdle(t);

      const here = await sendText(t, ana, group, 'standup @here');
      await messageJobDone(t, here.id);
      expect(await kindsOf(ben)).toContain('mention');
      expect(await kindsOf(cy)).not.toContain('mention');

      const all = await sendText(t, ana, group, '@all release is out');
      await messageJobDone(t, all.id);
      for (const member of [ben, cy, dee]) {
        expect((await inboxOf(t, member)).items.find((item) => item.kind === 'mention')).toMatchObject({
          messageId: all.id,
        });
      }
      expect(await kindsOf(ana)).toEqual([]);
    });

    it('keeps @all from muted members and level none, but a direct mention reaches a muted member', async () => {
      const [ana, muted, quiet, mentionsOnly] = await people(4);
      const group = await groupConversation(t, ana, [muted, quiet, mentionsOnly]);
      await setNotify(t, muted, group, { muted: true });
      await setNotify(t, quiet, group, { notify: 'none' });
      await setNotify(t, mentionsOnly, group, { notify: 'mentions' });
      await inboxIdle(t);

      const all = await sendText(t, ana, group, '@all heads up');
      await messageJobDone(t, all.id);
      expect(await kindsOf(muted)).not.toContain('mention');
      expect(await kindsOf(quiet)).not.toContain('mention');
      expect(await kindsOf(mentionsOnly)).toContain('mention');

      const direct = await sendText(t, ana, group, `@${muted.id} @${quiet.id} you two`);
      await messageJobDone(t, direct.id);
      expect(await kindsOf(muted)).toContain('mention');
      expect(await kindsOf(quiet)).not.toContain('mention');
    });

    it('treats @all in a direct conversation as a plain message', async () => {
      const [ana, ben] = await people(2);
      const direct = await directConversation(t, ana, ben);
      const message = await sendText(t, ana, direct, '@all hi');
      await messageJobDone(t, message.id);
      expect(await kindsOf(ben)).toEqual([]);
    });
  });

  describe('reactions', () => {
    it("gives the message's sender a reaction entry with the emoji, never the reactor reacting to themself", async () => {
      const [ana, ben] = await people(2);
      const group = await groupConversation(t, ana, [ben]);
      const message = await sendText(t, ana, group, 'ship it?');
      await react(t, ana, group, message.id, '🎉');
      await react(t, ben, group, message.id, '👍');

      await reactionJobDone(t, message.id, ben, '👍');
      expect((await inboxOf(t, ana)).items).toEqual([
        expect.objectContaining({
          kind: 'reaction',
          messageId: message.id,
          emoji: '👍',
          count: 1,
          conversationId: group,
        }),
      ]);
    });

    it('creates nothing from an actor the recipient blocked, nor at level none', async () => {
      const [ana, ben, cy] = await people(3);
      const group = await groupConversation(t, ana, [ben, cy]);
      const message = await sendText(t, ana, group, 'hello');
      const blocked = await t
        .http()
        .put(`/api/v1/users/me/blocks/${ben.id}`)
        .set(...bearer(ana));
      expect(blocked.status).toBeLessThan(300);
      await inboxIdle(t);

      await react(t, ben, group, message.id, '👍');
      const mention = await sendText(t, ben, group, `@${ana.id} hey`);
      await reactionJobDone(t, message.id, ben, '👍');
      await messageJobDone(t, mention.id);
      expect(await kindsOf(ana)).toEqual([]);

      await setNotify(t, ana, group, { notify: 'none' });
      await react(t, cy, group, message.id, '👍');
      await reactionJobDone(t, message.id, cy, '👍');
      expect(await kindsOf(ana)).toEqual([]);
    });

    it('keeps reactions out at level mentions', async () => {
      const [ana, ben] = await people(2);
      const group = await groupConversation(t, ana, [ben]);
      const message = await sendText(t, ana, group, 'hello');
      await setNotify(t, ana, group, { notify: 'mentions' });
      await react(t, ben, group, message.id, '👍');
      await reactionJobDone(t, message.id, ben, '👍');
      expect(await kindsOf(ana)).toEqual([]);
    });
  });

  describe('membership', () => {
    it('tells the members a group was created with, and later additions, who added them; never the one adding', async () => {
      const [ana, ben, cy] = await people(3);
      const group = await groupConversation(t, ana, [ben]);
      await eventuallyInbox(t, ben, (inbox) =>
        expect(inbox.items).toEqual([
          expect.objectContaining({
            kind: 'added_to_conversation',
            conversationId: group,
            actors: [expect.objectContaining({ id: ana.id })],
          }),
        ]),
      );
      const added = await t
        .http()
        .post(`/api/v1/conversations/${group}/members`)
        .set(...bearer(ana))
        .send({ userIds: [cy.id] });
      expect(added.status).toBeLessThan(300);
      await eventuallyInbox(t, cy, (inbox) =>
        expect(inbox.items.map((item) => item.kind)).toEqual(['added_to_conversation']),
      );
      await inboxIdle(t);
      expect(await kindsOf(ana)).toEqual([]);
    });

    it('tells a member their new role', async () => {
      const [ana, ben] = await people(2);
      const group = await groupConversation(t, ana, [ben]);
      const res = await t
        .http()
        .patch(`/api/v1/conversations/${group}/members/${ben.id}`)
        .set(...bearer(ana))
        .send({ role: 'admin' });
      expect(res.status).toBe(200);
      const inbox = await eventuallyInbox(t, ben, (page) =>
        expect(page.items.map((item) => item.kind)).toContain('role_changed'),
      );
      expect(inbox.items.find((item) => item.kind === 'role_changed')).toMatchObject({
        role: 'admin',
        conversationId: group,
        actors: [expect.objectContaining({ id: ana.id })],
      });
    });
  });
});
