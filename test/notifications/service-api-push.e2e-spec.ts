import { getQueueToken } from '@nestjs/bullmq';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Queue } from 'bullmq';
import { MongoClient, ObjectId } from 'mongodb';
import { QueueName } from '../../src/common/queue/jobs';
import type { NotificationCreatedEvent } from '../../src/notifications/inbox/notifications.events';
import type { NotificationResponse } from '../../src/realtime/server-events';
import { createApiKey, notify, notifyProgress } from '../support/api-keys';
import { registerAdmin } from '../support/audit';
import { bearer, RegisteredUser } from '../support/builders';
import { eventually } from '../support/eventually';
import { connectChat } from '../support/socket-client';
import { connectTestMongo } from '../support/test-app';
import { users, webPushHarness } from '../support/web-push-harness';

/** Service notifications through the real `web-push` library to the push-service stand-in. */
describe('Service API: channels', () => {
  const h = webPushHarness();
  let mongo: MongoClient;
  let key: string;

  beforeAll(async () => {
    mongo = await connectTestMongo();
    ({ key } = await createApiKey(h.t, await registerAdmin(h.t, mongo), { name: 'shop' }));
  });
  afterAll(() => mongo.close());

  const completed = async (id: string) =>
    eventually(
      async () => expect((await notifyProgress(h.t, key, id)).body.status).toBe('completed'),
      10_000,
    );
  const serviceEntries = async (user: RegisteredUser): Promise<NotificationResponse[]> => {
    const res = await h.t
      .http()
      .get('/api/v1/notifications')
      .set(...bearer(user));
    return (res.body.items as NotificationResponse[]).filter((item) => item.kind === 'service');
  };
  /** Pushes are sent by jobs after the request completes; absence is watched over a short window. */
  const quietFor = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('pushes the entry to a recipient with no socket open, and not to one who is online', async () => {
    const [away, online] = await users(h.t, 2);
    const [awayPhone, onlinePhone] = [await h.subscribe(away), await h.subscribe(online)];
    await connectChat(h.t, online);
    const sent = await notify(h.t, key, {
      userIds: [away.id, online.id],
      title: 'Order shipped',
      body: 'Your order #7 is on its way.',
    });
    await completed(sent.body.id);
    await eventually(async () => expect(h.pushService.pushesTo(awayPhone)).toHaveLength(1));
    const [entry] = await serviceEntries(away);
    expect(h.pushService.pushesTo(awayPhone)[0].payload).toMatchObject({
      type: 'notification',
      notificationId: entry.id,
      kind: 'service',
      title: 'Order shipped',
      body: 'Your order #7 is on its way.',
    });
    await quietFor(300);
    expect(h.pushService.attemptsAt(onlinePhone)).toBe(0);
  });

  it('pushes a push-only notification without an inbox entry, once however often its batch runs', async () => {
    const [away] = await users(h.t, 1);
    const phone = await h.subscribe(away);
    const body = { userIds: [away.id], title: 'Flash sale', body: 'Today only.', channels: ['push'] };
    const sent = await notify(h.t, key, body);
    await completed(sent.body.id);
    await eventually(async () => expect(h.pushService.pushesTo(phone)).toHaveLength(1));
    expect(h.pushService.pushesTo(phone)[0].payload).toMatchObject({
      type: 'notification',
      notificationId: sent.body.id,
      kind: 'service',
      title: 'Flash sale',
      body: 'Today only.',
    });
    expect((await notifyProgress(h.t, key, sent.body.id)).body).toMatchObject({ accepted: 1, delivered: 1 });
    expect(await serviceEntries(away)).toEqual([]);

    // The batch redone (as after a crash before it was counted): the push job keeps its id, nothing is resent.
    await mongo
      .db(h.t.databaseName)
      .collection('notify_requests')
      .updateOne({ _id: new ObjectId(sent.body.id) }, { $set: { doneBatches: [], status: 'processing' } });
    const queue = h.t.app.get<Queue>(getQueueToken(QueueName.ServiceNotify), { strict: false });
    await queue.add('deliver-notify-batch', { requestId: sent.body.id, batch: 0 }, { jobId: 'rerun' });
    await completed(sent.body.id);
    await quietFor(300);
    expect(h.pushService.attemptsAt(phone)).toBe(1);
  });

  it('keeps an in_app-only notification off devices', async () => {
    const [away] = await users(h.t, 1);
    const phone = await h.subscribe(away);
    const sent = await notify(h.t, key, { userIds: [away.id], title: 'Quiet note', channels: ['in_app'] });
    await completed(sent.body.id);
    expect(await serviceEntries(away)).toHaveLength(1);
    await quietFor(300);
    expect(h.pushService.attemptsAt(phone)).toBe(0);
  });

  it('asks the email digest to escalate only requests sent with the email channel', async () => {
    const [withEmail, without] = await users(h.t, 2);
    const created: NotificationCreatedEvent[] = [];
    const events = h.t.app.get(EventEmitter2);
    const listener = (event: NotificationCreatedEvent) => created.push(event);
    events.on('notifications.created', listener);
    try {
      const first = await notify(h.t, key, { userIds: [withEmail.id], channels: ['in_app', 'email'] });
      const second = await notify(h.t, key, { userIds: [without.id] });
      await completed(first.body.id);
      await completed(second.body.id);
      expect(created.find((event) => event.userId === withEmail.id)).toMatchObject({
        kind: 'service',
        escalateByEmail: true,
      });
      expect(created.find((event) => event.userId === without.id)?.escalateByEmail).toBeUndefined();
    } finally {
      events.off('notifications.created', listener);
    }
  });
});
