import { MongoClient } from 'mongodb';
import { theRecord } from '../support/audit';
import { bearer, registerUser, RegisteredUser } from '../support/builders';
import { directConversation, groupConversation, sendText } from '../support/chat-builders';
import { eventually } from '../support/eventually';
import { registerWithRole, reportOf, resolveReport } from '../support/moderation';
import { closeSockets, connectChat, disconnected, nextEvent } from '../support/socket-client';
import { connectTestMongo, createTestInstances, TestApp } from '../support/test-app';

const SECOND_IN_HOURS = 1 / 3600;

/** Suspensions and conversation bans decided from reports, on two instances sharing the database and Redis. */
describe('Moderation actions: suspend_user and ban_from_conversation', () => {
  let a: TestApp;
  let b: TestApp;
  let mongo: MongoClient;
  let moderator: RegisteredUser;
  let admin: RegisteredUser;

  beforeAll(async () => {
    [a, b] = await createTestInstances({ SUSPENSION_MIN_SECONDS: '1' });
    mongo = await connectTestMongo();
    moderator = await registerWithRole(a, mongo, 'moderator');
    admin = await registerWithRole(a, mongo, 'admin');
  });
  afterEach(() => closeSockets());
  afterAll(async () => {
    await a.close();
    await b.close();
    await mongo.close();
  });

  const login = (app: TestApp, user: RegisteredUser) =>
    app.http().post('/api/v1/auth/login').send({ email: user.email, password: user.password });
  const statusOf = async (reporter: RegisteredUser, reportId: string) =>
    (
      await b
        .http()
        .get(`/api/v1/reports/${reportId}`)
        .set(...bearer(reporter))
    ).body as {
      status: string;
      outcome: { action: string } | null;
    };
  const reportedInGroup = async () => {
    const [reporter, sender] = [await registerUser(a), await registerUser(a)];
    const conversationId = await groupConversation(a, reporter, [sender]);
    const message = await sendText(a, sender, conversationId, 'threatening words');
    const reportId = await reportOf(a, reporter, {
      targetType: 'message',
      targetId: message.id,
      reason: 'violence',
    });
    return { reporter, sender, conversationId, message, reportId };
  };

  it('suspends a message’s sender: their sockets close on both instances and sign-in is refused', async () => {
    const { reporter, sender, reportId } = await reportedInGroup();
    const sockets = [await connectChat(a, sender), await connectChat(b, sender)];
    const closed = sockets.map((socket) => disconnected(socket));

    const res = await resolveReport(b, moderator, reportId, { action: 'suspend_user', reason: 'threats' });
    expect(res.status).toBe(200);
    expect(res.body.resolution).toMatchObject({ action: 'suspend_user', durationHours: null });
    await Promise.all(closed);
    const refused = await login(a, sender);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('ACCOUNT_SUSPENDED');
    expect(await statusOf(reporter, reportId)).toMatchObject({
      status: 'resolved',
      outcome: { action: 'suspend_user' },
    });
    expect(await theRecord(a, admin, { action: 'user.suspended', targetId: sender.id })).toMatchObject({
      actorId: moderator.id,
    });
  });

  it('lifts a suspension decided with durationHours by itself on time', async () => {
    const [reporter, target] = [await registerUser(a), await registerUser(a)];
    const reportId = await reportOf(a, reporter, { targetType: 'user', targetId: target.id, reason: 'spam' });
    const res = await resolveReport(a, moderator, reportId, {
      action: 'suspend_user',
      reason: 'cool off',
      durationHours: SECOND_IN_HOURS,
    });
    expect(res.status).toBe(200);
    expect((await login(b, target)).status).toBe(403);
    await eventually(async () => expect((await login(b, target)).status).toBe(200), 10_000, 200);
  });

  it('leaves the report open when the suspension is refused (a moderator may suspend members only)', async () => {
    const reporter = await registerUser(a);
    const reportId = await reportOf(a, reporter, { targetType: 'user', targetId: admin.id, reason: 'other' });
    const res = await resolveReport(a, moderator, reportId, { action: 'suspend_user' });
    expect(res.status).toBe(403);
    expect(await statusOf(reporter, reportId)).toMatchObject({ status: 'open', outcome: null });
    expect((await login(a, admin)).status).toBe(200);
    // Another moderator (here an admin) can still decide it.
    expect((await resolveReport(b, admin, reportId, { action: 'dismiss' })).status).toBe(200);
  });

  it('bans a message’s sender from the group: removed on every instance and kept out', async () => {
    const { reporter, sender, conversationId, reportId } = await reportedInGroup();
    const senderSocket = await connectChat(b, sender);
    const removed = nextEvent<{ userId: string }>(senderSocket, 'member_removed');

    const res = await resolveReport(a, moderator, reportId, {
      action: 'ban_from_conversation',
      reason: 'threats',
    });
    expect(res.status).toBe(200);
    expect(await removed).toMatchObject({ userId: sender.id });
    expect(
      (
        await b
          .http()
          .get(`/api/v1/conversations/${conversationId}`)
          .set(...bearer(sender))
      ).status,
    ).toBe(404);
    const readd = await b
      .http()
      .post(`/api/v1/conversations/${conversationId}/members`)
      .set(...bearer(reporter))
      .send({ userIds: [sender.id] });
    expect(readd.status).toBe(409);
    expect(readd.body.code).toBe('USER_BANNED');
    expect(await statusOf(reporter, reportId)).toMatchObject({
      outcome: { action: 'ban_from_conversation' },
    });
  });

  it('refuses a ban from a direct conversation or a conversation report, leaving the report open', async () => {
    const [reporter, sender] = [await registerUser(a), await registerUser(a)];
    const conversationId = await directConversation(a, reporter, sender);
    const message = await sendText(a, sender, conversationId, 'hello?');
    const onMessage = await reportOf(a, reporter, { targetType: 'message', targetId: message.id });
    const onConversation = await reportOf(a, reporter, {
      targetType: 'conversation',
      targetId: conversationId,
    });

    const direct = await resolveReport(a, moderator, onMessage, { action: 'ban_from_conversation' });
    expect(direct.status).toBe(409);
    expect(direct.body.code).toBe('DIRECT_CONVERSATION_FIXED');
    for (const action of ['ban_from_conversation', 'suspend_user', 'remove_message']) {
      const misfit = await resolveReport(a, moderator, onConversation, { action });
      expect(misfit.status).toBe(400);
      expect(misfit.body.code).toBe('ACTION_NOT_APPLICABLE');
    }
    for (const id of [onMessage, onConversation]) {
      expect(await statusOf(reporter, id)).toMatchObject({ status: 'open' });
    }
    expect((await login(a, sender)).status).toBe(200);
  });
});
