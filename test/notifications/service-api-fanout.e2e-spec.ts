import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { MongoClient, ObjectId } from 'mongodb';
import { QueueName } from '../../src/common/queue/jobs';
import type { NotificationResponse } from '../../src/realtime/server-events';
import { createApiKey, notify, notifyProgress } from '../support/api-keys';
import { registerAdmin } from '../support/audit';
import { bearer, registerUser, RegisteredUser } from '../support/builders';
import { eventually } from '../support/eventually';
import { closeSockets, collect, connectChat, nextEvent, noEvent } from '../support/socket-client';
import { connectTestMongo, createTestInstances, TestApp } from '../support/test-app';

interface NotificationEvent {
  notification: NotificationResponse;
  unreadCount: number;
}

/** The recipient's inbox entries of kind `service`. */
async function serviceEntries(t: TestApp, user: RegisteredUser): Promise<NotificationResponse[]> {
  const res = await t
    .http()
    .get('/api/v1/notifications')
    .query({ limit: '100' })
    .set(...bearer(user));
  expect(res.status).toBe(200);
  return (res.body.items as NotificationResponse[]).filter((item) => item.kind === 'service');
}

/** Waits until the request is completed; answers its progress. */
async function completed(t: TestApp, key: string, id: string, timeoutMs = 20_000) {
  let body: Record<string, unknown> = {};
  await eventually(
    async () => {
      body = (await notifyProgress(t, key, id)).body as Record<string, unknown>;
      expect(body.status).toBe('completed');
    },
    timeoutMs,
    100,
  );
  return body;
}

describe('Service API: fan-out to the inbox', () => {
  let a: TestApp;
  let b: TestApp;
  let mongo: MongoClient;
  let key: string;

  beforeAll(async () => {
    [a, b] = await createTestInstances();
    mongo = await connectTestMongo();
    ({ key } = await createApiKey(a, await registerAdmin(a, mongo), { name: 'billing' }));
  });
  afterEach(() => closeSockets());
  afterAll(async () => {
    await a.close();
    await b.close();
    await mongo.close();
  });

  it('gives every recipient one service entry and a notification event, on any instance, and completes', async () => {
    const [online, elsewhere, offline] = [
      await registerUser(a),
      await registerUser(a),
      await registerUser(a),
    ];
    const [onA, onB] = [await connectChat(a, online), await connectChat(b, elsewhere)];
    const events = [
      nextEvent<NotificationEvent>(onA, 'notification'),
      nextEvent<NotificationEvent>(onB, 'notification'),
    ];

    const sent = await notify(a, key, {
      userIds: [online.id, elsewhere.id, offline.id],
      title: 'Invoice ready',
      body: 'Your March invoice is ready.',
      data: { invoiceId: 'inv_42' },
    });
    expect(sent.status).toBe(202);
    for (const event of await Promise.all(events)) {
      expect(event.unreadCount).toBe(1);
      expect(event.notification).toMatchObject({
        kind: 'service',
        conversationId: null,
        messageId: null,
        actors: [],
        title: 'Invoice ready',
        body: 'Your March invoice is ready.',
        data: { invoiceId: 'inv_42' },
        readAt: null,
      });
    }
    const progress = await completed(b, key, sent.body.id);
    expect(progress).toMatchObject({ total: 3, accepted: 3, delivered: 3, completedAt: expect.any(String) });
    const [entry] = await serviceEntries(b, offline);
    expect(entry).toMatchObject({ kind: 'service', title: 'Invoice ready', data: { invoiceId: 'inv_42' } });
  });

  it('notifies nobody twice: a resend, a job run again, and a batch redone after a crash', async () => {
    const [first, second] = [await registerUser(a), await registerUser(a)];
    const body = {
      userIds: [first.id, second.id],
      title: 'Build 7 passed',
      idempotencyKey: `build-${new ObjectId().toHexString()}`,
    };
    const sent = await notify(a, key, body);
    await completed(a, key, sent.body.id);
    const socket = await connectChat(b, first);
    const later = collect<NotificationEvent>(socket, 'notification');

    expect((await notify(b, key, body)).body).toEqual(sent.body);
    const queue = a.app.get<Queue>(getQueueToken(QueueName.ServiceNotify), { strict: false });
    // The batch job again under another id (as if re-queued after its record was removed), then as if the
    // process had died after delivering but before counting the batch: deliveries are deduplicated.
    await queue.add(
      'deliver-notify-batch',
      { requestId: sent.body.id, batch: 0 },
      { jobId: 'rerun-counted' },
    );
    await eventually(async () => expect(await queue.getJobState('rerun-counted')).toBe('completed'));
    await mongo
      .db(a.databaseName)
      .collection('notify_requests')
      .updateOne(
        { _id: new ObjectId(sent.body.id) },
        { $set: { doneBatches: [], delivered: 0, status: 'processing', completedAt: null } },
      );
    await queue.add(
      'deliver-notify-batch',
      { requestId: sent.body.id, batch: 0 },
      { jobId: 'rerun-after-crash' },
    );
    const progress = await completed(a, key, sent.body.id);
    expect(progress).toMatchObject({ accepted: 2, delivered: 2 });
    await noEvent(socket, 'notification', 300);
    expect(later).toEqual([]);
    for (const user of [first, second]) {
      const entries = (await serviceEntries(a, user)).filter((entry) => entry.title === 'Build 7 passed');
      expect(entries).toHaveLength(1);
      expect(entries[0].count).toBe(1);
    }
  });

  it('fans recipients out in batches of 100 and counts every one delivered', async () => {
    const ids = Array.from({ length: 249 }, () => new ObjectId());
    const now = new Date();
    await mongo
      .db(a.databaseName)
      .collection('users')
      .insertMany(
        ids.map((_id, n) => ({
          _id,
          emailKey: `none:${_id.toHexString()}`,
          emailVerified: false,
          displayName: `Recipient ${n}`,
          nameKeys: ['recipient', String(n)],
          role: 'member',
          status: 'active',
          hideLastSeen: false,
          createdAt: now,
          updatedAt: now,
        })),
      );
    const watcher = await registerUser(a);
    const socket = await connectChat(a, watcher);
    const arrived = nextEvent<NotificationEvent>(socket, 'notification', () => true, 30_000);
    const sent = await notify(a, key, {
      userIds: [...ids.map(String), watcher.id],
      title: 'Maintenance tonight',
    });
    expect(sent.body).toMatchObject({ accepted: 250, unknownUserIds: [] });
    await arrived;
    const progress = await completed(a, key, sent.body.id, 60_000);
    expect(progress).toMatchObject({ total: 250, accepted: 250, delivered: 250 });
    const stored = await mongo
      .db(a.databaseName)
      .collection('notify_requests')
      .findOne({ _id: new ObjectId(sent.body.id) });
    expect(stored).toMatchObject({
      batches: 3,
      doneBatches: expect.arrayContaining([0, 1, 2]),
    });
    expect(stored?.doneBatches).toHaveLength(3);
  }, 90_000);
});
