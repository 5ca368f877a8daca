import { MongoClient, ObjectId } from 'mongodb';
import { bearer, registerUser, RegisteredUser } from '../support/builders';
import { directConversation, groupConversation, sendText } from '../support/chat-builders';
import { fileReport, registerWithRole, reportOf } from '../support/moderation';
import { connectTestMongo, createTestApp, TestApp } from '../support/test-app';

describe('Reports', () => {
  let t: TestApp;
  let mongo: MongoClient;
  let moderator: RegisteredUser;

  beforeAll(async () => {
    t = await createTestApp();
    mongo = await connectTestMongo();
    moderator = await registerWithRole(t, mongo, 'moderator');
  });
  afterAll(async () => {
    await t.close();
    await mongo.close();
  });

  const queueItem = async (reportId: string, status = 'open') => {
    for (let cursor: string | undefined; ;) {
      const res = await t
        .http()
        .get('/api/v1/admin/reports')
        .query({ status, limit: 100, ...(cursor ? { cursor } : {}) })
        .set(...bearer(moderator));
      expect(res.status).toBe(200);
      const found = res.body.items.find((item: { id: string }) => item.id === reportId);
      if (found || !res.body.nextCursor) {
        return found;
      }
      cursor = res.body.nextCursor;
    }
  };

  it('files reports on a message, a user and a conversation the reporter can see', async () => {
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    const conversationId = await groupConversation(t, alice, [bob]);
    const message = await sendText(t, bob, conversationId, 'buy cheap watches');

    const onMessage = await fileReport(t, alice, {
      targetType: 'message',
      targetId: message.id,
      reason: 'spam',
      note: 'third time today',
    });
    expect(onMessage.status).toBe(201);
    expect(onMessage.body).toEqual({
      id: expect.stringMatching(/^[a-f\d]{24}$/),
      targetType: 'message',
      targetId: message.id,
      reason: 'spam',
      note: 'third time today',
      status: 'open',
      createdAt: expect.any(String),
      outcome: null,
    });
    expect(
      (await fileReport(t, alice, { targetType: 'user', targetId: bob.id, reason: 'harassment' })).status,
    ).toBe(201);
    expect(
      (await fileReport(t, bob, { targetType: 'conversation', targetId: conversationId, reason: 'other' }))
        .status,
    ).toBe(201);
  });

  it('answers what the reporter cannot see exactly like an unknown id, and stores nothing', async () => {
    const [alice, bob, mallory] = [await registerUser(t), await registerUser(t), await registerUser(t)];
    const conversationId = await directConversation(t, alice, bob);
    const message = await sendText(t, bob, conversationId, 'private');
    const deleted = await sendText(t, bob, conversationId, 'oops');
    await t
      .http()
      .delete(`/api/v1/conversations/${conversationId}/messages/${deleted.id}`)
      .set(...bearer(bob))
      .expect(200);
    const unknown = new ObjectId().toHexString();

    const refusals = [
      await fileReport(t, mallory, { targetType: 'message', targetId: message.id }),
      await fileReport(t, mallory, { targetType: 'conversation', targetId: conversationId }),
      await fileReport(t, alice, { targetType: 'message', targetId: deleted.id }),
      await fileReport(t, alice, { targetType: 'message', targetId: unknown }),
      await fileReport(t, alice, { targetType: 'conversation', targetId: unknown }),
      await fileReport(t, alice, { targetType: 'user', targetId: unknown }),
      // A message id given as a user, or the other way round, is not found either.
      await fileReport(t, alice, { targetType: 'user', targetId: message.id }),
      await fileReport(t, alice, { targetType: 'message', targetId: bob.id }),
    ];
    for (const refusal of refusals) {
      expect(refusal.status).toBe(404);
      expect(refusal.body).toMatchObject({
        code: 'REPORT_TARGET_NOT_FOUND',
        message: 'Nothing to report found',
      });
    }
    const stored = await mongo
      .db(t.databaseName)
      .collection('reports')
      .countDocuments({ reporterId: { $in: [new ObjectId(alice.id), new ObjectId(mallory.id)] } });
    expect(stored).toBe(0);
  });

  it('refuses reporting yourself or your own message', async () => {
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    const conversationId = await directConversation(t, alice, bob);
    const own = await sendText(t, alice, conversationId, 'mine');
    for (const body of [
      { targetType: 'user', targetId: alice.id },
      { targetType: 'message', targetId: own.id },
    ]) {
      const res = await fileReport(t, alice, body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('CANNOT_REPORT_SELF');
    }
  });

  it('allows one open report per reporter and target, while others may report it too', async () => {
    const [alice, bob, carol] = [await registerUser(t), await registerUser(t), await registerUser(t)];
    const conversationId = await groupConversation(t, alice, [bob, carol]);
    const message = await sendText(t, bob, conversationId, 'spam spam');
    await reportOf(t, alice, { targetType: 'message', targetId: message.id });

    const again = await fileReport(t, alice, { targetType: 'message', targetId: message.id, reason: 'hate' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('REPORT_ALREADY_OPEN');
    const concurrent = await Promise.all(
      [0, 1, 2].map(() => fileReport(t, carol, { targetType: 'user', targetId: bob.id })),
    );
    expect(concurrent.map((res) => res.status).sort()).toEqual([201, 409, 409]);
    expect((await fileReport(t, carol, { targetType: 'message', targetId: message.id })).status).toBe(201);
  });

  it('rejects bad input with VALIDATION_FAILED', async () => {
    const alice = await registerUser(t);
    const bob = await registerUser(t);
    for (const body of [
      { targetType: 'user', targetId: bob.id, reason: 'boring' },
      { targetType: 'channel', targetId: bob.id },
      { targetType: 'user', targetId: 'nope' },
      { targetType: 'user', targetId: bob.id, note: 'x'.repeat(1001) },
      { targetType: 'user', targetId: bob.id, extra: true },
    ]) {
      const res = await fileReport(t, alice, body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('asks for a signed-in caller', async () => {
    const res = await t
      .http()
      .post('/api/v1/reports')
      .send({ targetType: 'user', targetId: new ObjectId().toHexString(), reason: 'spam' });
    expect(res.status).toBe(401);
    expect((await t.http().get('/api/v1/reports')).status).toBe(401);
  });

  it('keeps a sealed snapshot with context that survives the message being edited and deleted', async () => {
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    const conversationId = await groupConversation(t, alice, [bob]);
    for (const text of ['one', 'two', 'three', 'four']) {
      await sendText(t, alice, conversationId, `before ${text}`);
    }
    const reported = await sendText(t, bob, conversationId, 'the threatening original');
    await sendText(t, alice, conversationId, 'after one');
    const reportId = await reportOf(t, alice, {
      targetType: 'message',
      targetId: reported.id,
      reason: 'violence',
      note: 'a private note about it',
    });
    const path = `/api/v1/conversations/${conversationId}/messages/${reported.id}`;
    await t
      .http()
      .patch(path)
      .set(...bearer(bob))
      .send({ content: 'harmless now' })
      .expect(200);
    await t
      .http()
      .delete(path)
      .set(...bearer(bob))
      .expect(200);

    const item = await queueItem(reportId);
    expect(item).toMatchObject({
      reporterId: alice.id,
      targetType: 'message',
      targetId: reported.id,
      conversationId,
      targetUserId: bob.id,
      reason: 'violence',
      note: 'a private note about it',
      openReportsOnTarget: 1,
      snapshot: {
        messageId: reported.id,
        seq: reported.seq,
        senderId: bob.id,
        type: 'text',
        content: 'the threatening original',
        attachments: [],
        editedAt: null,
      },
      resolution: null,
    });
    expect(item.context.map((m: { content: string }) => m.content)).toEqual([
      'before two',
      'before three',
      'before four',
      'after one',
    ]);

    const raw = JSON.stringify(
      await mongo
        .db(t.databaseName)
        .collection('reports')
        .findOne({ _id: new ObjectId(reportId) }),
    );
    for (const plaintext of ['threatening', 'before', 'after one', 'private note']) {
      expect(raw).not.toContain(plaintext);
    }
  });

  it('lists the reporter’s own reports newest first, and hides other people’s', async () => {
    const [alice, bob, carol] = [await registerUser(t), await registerUser(t), await registerUser(t)];
    const ids = [];
    for (const target of [bob, carol]) {
      ids.push(await reportOf(t, alice, { targetType: 'user', targetId: target.id }));
    }
    const first = await t
      .http()
      .get('/api/v1/reports')
      .query({ limit: 1 })
      .set(...bearer(alice));
    expect(first.status).toBe(200);
    expect(first.body.items.map((r: { id: string }) => r.id)).toEqual([ids[1]]);
    const second = await t
      .http()
      .get('/api/v1/reports')
      .query({ limit: 1, cursor: first.body.nextCursor })
      .set(...bearer(alice));
    expect(second.body).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });

    expect(
      (
        await t
          .http()
          .get(`/api/v1/reports/${ids[0]}`)
          .set(...bearer(alice))
      ).body.status,
    ).toBe('open');
    const theirs = await t
      .http()
      .get(`/api/v1/reports/${ids[0]}`)
      .set(...bearer(bob));
    expect(theirs.status).toBe(404);
    expect(theirs.body.code).toBe('REPORT_NOT_FOUND');
  });
});
