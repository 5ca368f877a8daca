import { MongoClient, ObjectId } from 'mongodb';
import { InboxService } from '../../src/notifications/inbox/inbox.service';
import { registerUser } from '../support/builders';
import { eventually } from '../support/eventually';
import { inboxOf } from '../support/inbox';
import { connectTestMongo, createTestApp, TestApp } from '../support/test-app';

const RETENTION_MS = 6000;

describe('Inbox: retention', () => {
  let t: TestApp;
  let mongo: MongoClient;

  beforeAll(async () => {
    // Entries kept 6 seconds after their last event, swept every 200 ms.
    t = await createTestApp({
      NOTIFICATION_RETENTION_DAYS: String(RETENTION_MS / 86_400_000),
      NOTIFICATION_RETENTION_SWEEP_MS: '200',
    });
    mongo = await connectTestMongo();
  });
  afterAll(async () => {
    await t.close();
    await mongo.close();
  });

  it('deletes entries whose last event is older than the retention period, read or not, and keeps newer ones', async () => {
    const [ana, ben] = await Promise.all([registerUser(t), registerUser(t)]);
    const inbox = t.app.get(InboxService, { strict: false });
    const deliver = (key: string) =>
      inbox.deliver({
        userId: ana.id,
        kind: 'service',
        groupKey: key,
        sourceId: key,
        actorId: null,
        title: key,
        body: key,
      });
    const old = await deliver('old');
    const read = await deliver('old-read');
    await inbox.read(ana.id, read!.id);
    // Hundreds more of another user, older than the period: a sweep deletes them in batches.
    const entries = mongo.db(t.databaseName).collection('notifications');
    const longAgo = new Date(Date.now() - 86_400_000);
    await entries.insertMany(
      Array.from({ length: 1100 }, (_, index) => ({
        userId: new ObjectId(ben.id),
        kind: 'service',
        groupKey: `g${index}`,
        openKey: `${ben.id}:g${index}`,
        sourceIds: [`s${index}`],
        count: 1,
        actorIds: [],
        createdAt: longAgo,
        updatedAt: longAgo,
      })),
    );
    await new Promise((resolve) => setTimeout(resolve, RETENTION_MS / 2));
    const recent = await deliver('recent');

    await eventually(async () => {
      expect((await inboxOf(t, ana)).items.map((item) => item.id)).toEqual([recent!.id]);
    }, RETENTION_MS * 3);
    expect([old!.id, read!.id]).not.toContain(recent!.id);
    expect(await entries.countDocuments({ userId: new ObjectId(ben.id) })).toBe(0);
    expect((await inboxOf(t, ana)).unreadCount).toBe(1);
  });
});
