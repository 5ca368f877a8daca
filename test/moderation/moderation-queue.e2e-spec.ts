import { MongoClient } from 'mongodb';
import { theRecord } from '../support/audit';
import { bearer, registerUser, RegisteredUser } from '../support/builders';
import { groupConversation, sendText } from '../support/chat-builders';
import { registerWithRole, reportOf, resolveReport } from '../support/moderation';
import { closeSockets, connectChat, nextEvent } from '../support/socket-client';
import {
  connectTestMongo,
  createTestApp,
  createTestInstances,
  TestApp,
  uniqueName,
} from '../support/test-app';

/** Two instances sharing the database and Redis: a decision made on one applies on both. */
describe('Moderation queue', () => {
  let a: TestApp;
  let b: TestApp;
  let mongo: MongoClient;
  let moderator: RegisteredUser;
  let admin: RegisteredUser;

  beforeAll(async () => {
    [a, b] = await createTestInstances();
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

  /** A group of a reporter, the reported sender and a bystander, with one message of the sender. */
  const reportedMessage = async (text = 'you will regret this') => {
    const [reporter, sender, bystander] = [
      await registerUser(a),
      await registerUser(a),
      await registerUser(a),
    ];
    const conversationId = await groupConversation(a, reporter, [sender, bystander]);
    const message = await sendText(a, sender, conversationId, text);
    const reportId = await reportOf(a, reporter, { targetType: 'message', targetId: message.id });
    return { reporter, sender, bystander, conversationId, message, reportId };
  };

  it('is for moderators and admins: members get 403, anonymous callers 401', async () => {
    const { reporter, reportId } = await reportedMessage();
    const member = await a
      .http()
      .get('/api/v1/admin/reports')
      .set(...bearer(reporter));
    expect(member.status).toBe(403);
    expect(member.body.code).toBe('INSUFFICIENT_ROLE');
    const resolve = await resolveReport(a, reporter, reportId, { action: 'dismiss' });
    expect(resolve.status).toBe(403);
    expect((await a.http().get('/api/v1/admin/reports')).status).toBe(401);
    for (const staff of [moderator, admin]) {
      expect(
        (
          await b
            .http()
            .get('/api/v1/admin/reports')
            .set(...bearer(staff))
        ).status,
      ).toBe(200);
    }
    const mine = await a
      .http()
      .get(`/api/v1/reports/${reportId}`)
      .set(...bearer(reporter));
    expect(mine.body.status).toBe('open');
  });

  it('pages open reports oldest first, filters by status and reason, and counts reports per target', async () => {
    const own = await createTestApp({ REDIS_KEY_PREFIX: uniqueName('t') });
    try {
      const staff = await registerWithRole(own, mongo, 'moderator');
      const [alice, bob, carol] = [await registerUser(own), await registerUser(own), await registerUser(own)];
      const first = await reportOf(own, alice, { targetType: 'user', targetId: carol.id, reason: 'spam' });
      const second = await reportOf(own, bob, { targetType: 'user', targetId: carol.id, reason: 'hate' });
      const third = await reportOf(own, alice, { targetType: 'user', targetId: bob.id, reason: 'spam' });
      const page = (query: Record<string, string | number>) =>
        own
          .http()
          .get('/api/v1/admin/reports')
          .query(query)
          .set(...bearer(staff));

      const one = await page({ limit: 2 });
      expect(one.body.items.map((r: { id: string }) => r.id)).toEqual([first, second]);
      expect(one.body.items.map((r: { openReportsOnTarget: number }) => r.openReportsOnTarget)).toEqual([
        2, 2,
      ]);
      const two = await page({ limit: 2, cursor: one.body.nextCursor });
      expect(two.body).toEqual({
        items: [expect.objectContaining({ id: third, openReportsOnTarget: 1 })],
        nextCursor: null,
      });
      expect((await page({ reason: 'spam' })).body.items.map((r: { id: string }) => r.id)).toEqual([
        first,
        third,
      ]);

      expect((await resolveReport(own, staff, third, { action: 'dismiss' })).status).toBe(200);
      expect((await page({})).body.items.map((r: { id: string }) => r.id)).toEqual([first, second]);
      const resolved = await page({ status: 'resolved' });
      expect(resolved.body.items).toEqual([
        expect.objectContaining({
          id: third,
          status: 'resolved',
          resolution: expect.objectContaining({
            action: 'dismiss',
            reason: 'reviewed',
            moderatorId: staff.id,
          }),
        }),
      ]);
      const invalid: Array<Record<string, string | number>> = [
        { status: 'closed' },
        { reason: 'rude' },
        { cursor: 'not-a-cursor' },
        { limit: 0 },
      ];
      for (const query of invalid) {
        const res = await page(query);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
    } finally {
      await own.close();
    }
  });

  it('dismisses a report: the reporter sees the outcome, never who decided or why; a second decision is 409', async () => {
    const { reporter, message, reportId } = await reportedMessage();
    const res = await resolveReport(b, moderator, reportId, {
      action: 'dismiss',
      reason: 'banter between friends',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: reportId, status: 'resolved', resolution: { action: 'dismiss' } });

    const mine = await a
      .http()
      .get(`/api/v1/reports/${reportId}`)
      .set(...bearer(reporter));
    expect(mine.body).toEqual({
      id: reportId,
      targetType: 'message',
      targetId: message.id,
      reason: 'spam',
      note: null,
      status: 'resolved',
      createdAt: expect.any(String),
      outcome: { action: 'dismiss', resolvedAt: expect.any(String) },
    });
    expect(JSON.stringify(mine.body)).not.toContain(moderator.id);
    const again = await resolveReport(a, admin, reportId, { action: 'remove_message' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('REPORT_ALREADY_RESOLVED');
    const record = await theRecord(a, admin, { action: 'moderation.report_resolved', targetId: reportId });
    expect(record).toMatchObject({
      actorId: moderator.id,
      actorRole: 'moderator',
      targetType: 'report',
      details: { action: 'dismiss', targetType: 'message', targetId: message.id, alsoResolved: 0 },
    });
  });

  it('removes a message: a tombstone marked removed by moderation reaches members on every instance', async () => {
    const { reporter, sender, bystander, conversationId, message, reportId } = await reportedMessage();
    const secondReport = await reportOf(a, bystander, {
      targetType: 'message',
      targetId: message.id,
      reason: 'hate',
    });
    const socket = await connectChat(b, bystander);
    const deletedEvent = nextEvent<Record<string, unknown>>(socket, 'message_deleted');

    const res = await resolveReport(a, moderator, reportId, { action: 'remove_message', reason: 'threat' });
    expect(res.status).toBe(200);
    expect(await deletedEvent).toEqual({
      conversationId,
      messageId: message.id,
      seq: message.seq,
      deletedAt: expect.any(String),
      deletedBy: null,
      removedBy: 'moderation',
    });
    const stored = await b
      .http()
      .get(`/api/v1/conversations/${conversationId}/messages/${message.id}`)
      .set(...bearer(sender));
    expect(stored.body).toMatchObject({
      content: null,
      deletedAt: expect.any(String),
      removedBy: 'moderation',
    });

    // The other open report on the message is resolved by the same decision.
    for (const [user, id] of [
      [reporter, reportId],
      [bystander, secondReport],
    ] as const) {
      const mine = await b
        .http()
        .get(`/api/v1/reports/${id}`)
        .set(...bearer(user));
      expect(mine.body.outcome).toEqual({ action: 'remove_message', resolvedAt: expect.any(String) });
    }
    expect((await resolveReport(b, moderator, secondReport, { action: 'dismiss' })).body.code).toBe(
      'REPORT_ALREADY_RESOLVED',
    );
    expect(
      await theRecord(a, admin, { action: 'moderation.report_resolved', targetId: reportId }),
    ).toMatchObject({ details: { action: 'remove_message', alsoResolved: 1 } });
    expect(
      await theRecord(a, admin, { action: 'moderation.message_removed', targetId: message.id }),
    ).toMatchObject({
      actorId: moderator.id,
      targetType: 'message',
      details: { reportId, conversationId, removed: true },
    });
  });

  it('lets exactly one of the moderators deciding a report at once on two instances win', async () => {
    const { reporter, reportId } = await reportedMessage();
    const results = await Promise.all([
      resolveReport(a, moderator, reportId, { action: 'dismiss' }),
      resolveReport(b, admin, reportId, { action: 'remove_message' }),
      resolveReport(b, moderator, reportId, { action: 'dismiss' }),
      resolveReport(a, admin, reportId, { action: 'remove_message' }),
    ]);
    expect(results.map((res) => res.status).sort()).toEqual([200, 409, 409, 409]);
    const winner = results.find((res) => res.status === 200);
    const mine = await a
      .http()
      .get(`/api/v1/reports/${reportId}`)
      .set(...bearer(reporter));
    expect(mine.body.outcome.action).toBe(winner?.body.resolution.action);
  });

  it('refuses an action that does not fit the target, and unknown reports, changing nothing', async () => {
    const [reporter, target] = [await registerUser(a), await registerUser(a)];
    const reportId = await reportOf(a, reporter, { targetType: 'user', targetId: target.id });
    const misfit = await resolveReport(a, moderator, reportId, { action: 'remove_message' });
    expect(misfit.status).toBe(400);
    expect(misfit.body.code).toBe('ACTION_NOT_APPLICABLE');
    const unknown = await resolveReport(a, moderator, '0123456789abcdef01234567', { action: 'dismiss' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('REPORT_NOT_FOUND');
    for (const body of [
      { action: 'dismiss', durationHours: 5 },
      { action: 'warn' },
      { action: 'dismiss', reason: '' },
    ]) {
      expect((await resolveReport(a, moderator, reportId, body)).status).toBe(400);
    }
    const mine = await a
      .http()
      .get(`/api/v1/reports/${reportId}`)
      .set(...bearer(reporter));
    expect(mine.body.status).toBe('open');
  });
});
