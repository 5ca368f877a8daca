import { Types } from 'mongoose';
import { InboxService, NotificationInput } from '../../src/notifications/inbox/inbox.service';
import { bearer, registerUser, RegisteredUser } from '../support/builders';
import { groupConversation, sendText } from '../support/chat-builders';
import { eventuallyInbox, inboxIdle, inboxOf, NOTIFICATIONS, react, reactionJobDone } from '../support/inbox';
import { createTestApp, TestApp } from '../support/test-app';

describe('Inbox: aggregation and the REST routes', () => {
  let t: TestApp;
  let inbox: InboxService;

  beforeAll(async () => {
    t = await createTestApp();
    inbox = t.app.get(InboxService, { strict: false });
  });
  afterAll(async () => {
    await t.close();
  });

  const people = (count: number) => Promise.all(Array.from({ length: count }, () => registerUser(t)));

  /** A service notification straight through InboxService.deliver (the in-process API other features use). */
  const service = (user: RegisteredUser, key: string, extra: Partial<NotificationInput> = {}) =>
    inbox.deliver({
      userId: user.id,
      kind: 'service',
      groupKey: `service:${key}`,
      sourceId: `service:${key}`,
      actorId: null,
      title: `Title ${key}`,
      body: `Body ${key}`,
      data: { key },
      ...extra,
    });

  describe('aggregation', () => {
    it('folds a burst of reactions to one message into one entry with its count and distinct actors', async () => {
      const [ana, ...others] = await people(6);
      const group = await groupConversation(t, ana, others);
      const message = await sendText(t, ana, group, 'vote');
      await inboxIdle(t);

      await Promise.all(
        others.map((user, index) => react(t, user, group, message.id, index % 2 ? '👍' : '🎉')),
      );
      await react(t, others[0], group, message.id, '👍');

      const page = await eventuallyInbox(t, ana, (page) =>
        expect(page.items.find((item) => item.kind === 'reaction')?.count).toBe(6),
      );
      const reactions = page.items.filter((item) => item.kind === 'reaction');
      expect(reactions).toHaveLength(1);
      expect(reactions[0]).toMatchObject({ messageId: message.id, actorCount: 5, count: 6 });
      expect(reactions[0].actors).toHaveLength(3);
      expect(new Set(reactions[0].actors.map((actor) => actor.id)).size).toBe(3);
      expect(page.unreadCount).toBe(1);
    });

    it('shows the latest actor first, and starts a new entry once the old one is read', async () => {
      const [ana, ben, cy] = await people(3);
      const group = await groupConversation(t, ana, [ben, cy]);
      const message = await sendText(t, ana, group, 'hello');
      await inboxIdle(t);
      await react(t, ben, group, message.id, '👍');
      await reactionJobDone(t, message.id, ben, '👍');
      await react(t, cy, group, message.id, '👍');
      await reactionJobDone(t, message.id, cy, '👍');
      await react(t, ben, group, message.id, '😀');
      await reactionJobDone(t, message.id, ben, '😀');

      const [entry] = (await inboxOf(t, ana)).items;
      expect(entry.actors.map((actor) => actor.id)).toEqual([ben.id, cy.id]);
      expect(entry).toMatchObject({ emoji: '😀', count: 3, actorCount: 2 });

      const read = await t
        .http()
        .post(`${NOTIFICATIONS}/${entry.id}/read`)
        .set(...bearer(ana));
      expect(read.status).toBe(200);
      await react(t, cy, group, message.id, '🎉');
      await reactionJobDone(t, message.id, cy, '🎉');
      const after = await inboxOf(t, ana);
      expect(after.items.map((item) => [item.count, item.readAt === null])).toEqual([
        [1, true],
        [3, false],
      ]);
      expect(after.items[1].id).toBe(entry.id);
    });

    it('counts the same source once, even after its entry was read', async () => {
      const [ana] = await people(1);
      const first = await service(ana, 'once');
      expect(first).toMatchObject({ kind: 'service', count: 1, title: 'Title once', data: { key: 'once' } });
      expect(await service(ana, 'once')).toBeNull();
      await inbox.read(ana.id, first!.id);
      expect(await service(ana, 'once')).toBeNull();
      expect((await inboxOf(t, ana)).items).toHaveLength(1);
    });

    it('never delivers to the actor themself', async () => {
      const [ana] = await people(1);
      expect(await service(ana, 'self', { actorId: ana.id })).toBeNull();
      expect((await inboxOf(t, ana)).items).toEqual([]);
    });
  });

  describe('GET /notifications', () => {
    it('pages newest first with an opaque cursor, filters by unread, and counts unread entries', async () => {
      const [ana] = await people(1);
      const ids: string[] = [];
      for (const key of ['a', 'b', 'c', 'd', 'e']) {
        ids.push((await service(ana, key))!.id);
      }
      await inbox.read(ana.id, ids[1]);

      const first = await inboxOf(t, ana, { limit: '2' });
      expect(first.items.map((item) => item.id)).toEqual([ids[4], ids[3]]);
      expect(first.unreadCount).toBe(4);
      const second = await inboxOf(t, ana, { limit: '2', cursor: first.nextCursor! });
      expect(second.items.map((item) => item.id)).toEqual([ids[2], ids[1]]);
      const third = await inboxOf(t, ana, { limit: '2', cursor: second.nextCursor! });
      expect(third.items.map((item) => item.id)).toEqual([ids[0]]);
      expect(third.nextCursor).toBeNull();

      expect((await inboxOf(t, ana, { unread: 'false' })).items.map((item) => item.id)).toEqual([ids[1]]);
      expect((await inboxOf(t, ana, { unread: 'true' })).items).toHaveLength(4);
      const count = await t
        .http()
        .get(`${NOTIFICATIONS}/unread-count`)
        .set(...bearer(ana));
      expect(count.body).toEqual({ unreadCount: 4 });
    });

    it('moves an entry up when it grows', async () => {
      const [ana] = await people(1);
      const older = (await service(ana, 'grow', { sourceId: 'grow-1' }))!;
      await service(ana, 'other');
      await service(ana, 'grow', { sourceId: 'grow-2' });
      const page = await inboxOf(t, ana);
      expect(page.items.map((item) => [item.id, item.count])).toEqual([
        [older.id, 2],
        [expect.any(String), 1],
      ]);
    });

    it.each([
      ['not base64 JSON', 'not-a-cursor'],
      ['a cursor of another shape', Buffer.from(JSON.stringify({ t: 'x', id: 1 })).toString('base64url')],
      [
        'an out-of-range time',
        Buffer.from(JSON.stringify({ t: -5, id: new Types.ObjectId().toHexString() })).toString('base64url'),
      ],
    ])('refuses %s with 400', async (_what, cursor) => {
      const [ana] = await people(1);
      const res = await t
        .http()
        .get(NOTIFICATIONS)
        .query({ cursor })
        .set(...bearer(ana));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });

    it('refuses a limit out of range and unknown query keys', async () => {
      const [ana] = await people(1);
      for (const query of [{ limit: '0' }, { limit: '101' }, { unread: 'yes' }, { sort: 'asc' }]) {
        const res = await t
          .http()
          .get(NOTIFICATIONS)
          .query(query)
          .set(...bearer(ana));
        expect(res.status).toBe(400);
      }
    });

    it('requires a signed-in user', async () => {
      expect((await t.http().get(NOTIFICATIONS)).status).toBe(401);
    });
  });

  describe('read, read-all, delete', () => {
    it('reads one entry idempotently and answers the unread count', async () => {
      const [ana] = await people(1);
      const one = (await service(ana, 'r1'))!;
      await service(ana, 'r2');
      const first = await t
        .http()
        .post(`${NOTIFICATIONS}/${one.id}/read`)
        .set(...bearer(ana));
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        notification: expect.objectContaining({ id: one.id, readAt: expect.any(String) }),
        unreadCount: 1,
      });
      const again = await t
        .http()
        .post(`${NOTIFICATIONS}/${one.id.toUpperCase()}/read`)
        .set(...bearer(ana));
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ notification: first.body.notification, unreadCount: 1 });
    });

    it("answers 404 NOTIFICATION_NOT_FOUND for someone else's entry and an unknown id, and changes nothing", async () => {
      const [ana, ben] = await people(2);
      const mine = (await service(ana, 'private'))!;
      for (const [method, path] of [
        ['post', `${NOTIFICATIONS}/${mine.id}/read`],
        ['delete', `${NOTIFICATIONS}/${mine.id}`],
        ['post', `${NOTIFICATIONS}/${new Types.ObjectId().toHexString()}/read`],
        ['delete', `${NOTIFICATIONS}/${new Types.ObjectId().toHexString()}`],
      ] as const) {
        const res = await t
          .http()
          [method](path)
          .set(...bearer(ben));
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('NOTIFICATION_NOT_FOUND');
      }
      expect((await inboxOf(t, ana)).items).toEqual([expect.objectContaining({ id: mine.id, readAt: null })]);
      const malformed = await t
        .http()
        .post(`${NOTIFICATIONS}/not-an-id/read`)
        .set(...bearer(ben));
      expect(malformed.status).toBe(400);
    });

    it('reads everything, or only what changed up to `before`', async () => {
      const [ana] = await people(1);
      await service(ana, 'old1');
      await service(ana, 'old2');
      const before = new Date().toISOString();
      await new Promise((resolve) => setTimeout(resolve, 20));
      const newer = (await service(ana, 'new'))!;

      const partial = await t
        .http()
        .post(`${NOTIFICATIONS}/read-all`)
        .set(...bearer(ana))
        .send({ before });
      expect(partial.status).toBe(200);
      expect(partial.body).toEqual({ updated: 2, unreadCount: 1 });
      expect((await inboxOf(t, ana, { unread: 'true' })).items.map((item) => item.id)).toEqual([newer.id]);

      const all = await t
        .http()
        .post(`${NOTIFICATIONS}/read-all`)
        .set(...bearer(ana));
      expect(all.body).toEqual({ updated: 1, unreadCount: 0 });
      // Read entries no longer aggregate: the next event of the same group starts a new entry.
      await service(ana, 'new', { sourceId: 'new-2' });
      expect((await inboxOf(t, ana, { unread: 'true' })).items).toHaveLength(1);
    });

    it('refuses a read-all `before` that is not a date-time, and unknown keys', async () => {
      const [ana] = await people(1);
      for (const body of [{ before: 'yesterday' }, { before: 5 }, { all: true }]) {
        const res = await t
          .http()
          .post(`${NOTIFICATIONS}/read-all`)
          .set(...bearer(ana))
          .send(body);
        expect(res.status).toBe(400);
      }
    });

    it('deletes an entry (204), then answers 404', async () => {
      const [ana] = await people(1);
      const entry = (await service(ana, 'gone'))!;
      const res = await t
        .http()
        .delete(`${NOTIFICATIONS}/${entry.id}`)
        .set(...bearer(ana));
      expect(res.status).toBe(204);
      expect((await inboxOf(t, ana)).items).toEqual([]);
      const again = await t
        .http()
        .delete(`${NOTIFICATIONS}/${entry.id}`)
        .set(...bearer(ana));
      expect(again.status).toBe(404);
    });
  });

  it("erases a deleted account's entries, and the account from the actors of everyone else's", async () => {
    const [ana, ben, cy] = await people(3);
    const group = await groupConversation(t, ana, [ben, cy]);
    const message = await sendText(t, ana, group, 'hello');
    await react(t, ben, group, message.id, '👍');
    await react(t, cy, group, message.id, '👍');
    await eventuallyInbox(t, ana, (page) => expect(page.items[0]?.actorCount).toBe(2));
    await eventuallyInbox(t, ben, (page) => expect(page.items).toHaveLength(1));

    const res = await t
      .http()
      .delete('/api/v1/users/me')
      .set(...bearer(ben))
      .send({ password: ben.password });
    expect(res.status).toBeLessThan(300);

    await eventuallyInbox(t, ana, (page) =>
      expect(page.items[0]).toMatchObject({
        count: 2,
        actorCount: 1,
        actors: [expect.objectContaining({ id: cy.id })],
      }),
    );
    const exported = await t.app.get(InboxService, { strict: false }).allOf(ben.id);
    expect(exported).toEqual([]);
  });

  it('keeps the Web Push routes under /notifications answering, not taken for an entry id', async () => {
    const [ana] = await people(1);
    // This app has no VAPID keys: the push routes answer their own 503, which an `:id` route would not.
    const key = await t
      .http()
      .get(`${NOTIFICATIONS}/vapid-public-key`)
      .set(...bearer(ana));
    expect(key.body.code).toBe('PUSH_NOT_CONFIGURED');
    const remove = await t
      .http()
      .delete(`${NOTIFICATIONS}/push-subscriptions`)
      .set(...bearer(ana))
      .send({ endpoint: 'https://fcm.googleapis.com/fcm/send/x' });
    expect(remove.body.code).toBe('PUSH_NOT_CONFIGURED');
    const list = await t
      .http()
      .get(`${NOTIFICATIONS}/push-subscriptions`)
      .set(...bearer(ana));
    expect(list.body.code).toBe('PUSH_NOT_CONFIGURED');
  });
});
