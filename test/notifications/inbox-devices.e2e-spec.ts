import type {
  NotificationDeletedPayload,
  NotificationPayload,
  NotificationsReadPayload,
} from '../../src/realtime/server-events';
import { bearer, registerUser, RegisteredUser } from '../support/builders';
import { groupConversation, sendText } from '../support/chat-builders';
import { inboxIdle, NOTIFICATIONS, react } from '../support/inbox';
import { ChatClient, closeSockets, collect, connectChat, nextEvent } from '../support/socket-client';
import { createTestInstances, TestApp } from '../support/test-app';

/** Two instances behind one load balancer: a user's phone on one, their laptop on the other. */
describe('Inbox: every device of the recipient, across instances', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    [a, b] = await createTestInstances();
  });
  afterEach(() => closeSockets());
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  /** The user signed in twice: a device on each instance. */
  async function devices(user: RegisteredUser): Promise<[ChatClient, ChatClient]> {
    const login = await b
      .http()
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password });
    expect(login.status).toBe(200);
    return [
      await connectChat(a, user),
      await connectChat(b, { accessToken: login.body.accessToken as string }),
    ];
  }

  it('tells both devices of a new entry and of its growth, each time with the unread count', async () => {
    const [ana, ben, cy] = await Promise.all([registerUser(a), registerUser(a), registerUser(b)]);
    const group = await groupConversation(a, ana, [ben, cy]);
    const message = await sendText(a, ana, group, 'hello');
    await inboxIdle(a);
    const [phone, laptop] = await devices(ana);

    const onPhone = nextEvent<NotificationPayload>(phone, 'notification');
    const onLaptop = nextEvent<NotificationPayload>(laptop, 'notification');
    await react(b, ben, group, message.id, '👍');
    const [first, same] = await Promise.all([onPhone, onLaptop]);
    expect(first).toEqual(same);
    expect(first).toMatchObject({
      notification: { kind: 'reaction', messageId: message.id, count: 1, emoji: '👍' },
      unreadCount: 1,
    });

    const grown = nextEvent<NotificationPayload>(laptop, 'notification');
    await react(a, cy, group, message.id, '🎉');
    expect(await grown).toMatchObject({
      notification: { id: first.notification.id, count: 2, actorCount: 2, emoji: '🎉' },
      unreadCount: 1,
    });
  });

  it('tells the other device, on the other instance, what one device read or deleted, with the same unread count', async () => {
    const [ana, ben, cy] = await Promise.all([registerUser(a), registerUser(a), registerUser(a)]);
    const group = await groupConversation(a, ana, [ben, cy]);
    const [m1, m2, m3] = [
      await sendText(a, ana, group, 'one'),
      await sendText(a, ana, group, 'two'),
      await sendText(a, ana, group, 'three'),
    ];
    await inboxIdle(a);
    const [phone, laptop] = await devices(ana);
    const created = collect<NotificationPayload>(laptop, 'notification');
    for (const message of [m1, m2, m3]) {
      await react(a, ben, group, message.id, '👍');
    }
    await inboxIdle(a);
    await inboxIdle(b);
    const ids = [...new Set(created.map((event) => event.notification.id))];
    expect(ids).toHaveLength(3);

    // Read one on the phone (instance a): the laptop (instance b) hears it.
    const readOnLaptop = nextEvent<NotificationsReadPayload>(laptop, 'notifications_read');
    const readOnPhone = nextEvent<NotificationsReadPayload>(phone, 'notifications_read');
    const read = await a
      .http()
      .post(`${NOTIFICATIONS}/${ids[0]}/read`)
      .set(...bearer(ana));
    expect(read.body.unreadCount).toBe(2);
    expect(await readOnLaptop).toEqual({ ids: [ids[0]], all: false, unreadCount: 2 });
    expect(await readOnPhone).toEqual({ ids: [ids[0]], all: false, unreadCount: 2 });

    // Delete one on the laptop (instance b): the phone hears it.
    const deletedOnPhone = nextEvent<NotificationDeletedPayload>(phone, 'notification_deleted');
    const deleted = await b
      .http()
      .delete(`${NOTIFICATIONS}/${ids[1]}`)
      .set(...bearer(ana));
    expect(deleted.status).toBe(204);
    expect(await deletedOnPhone).toEqual({ id: ids[1], unreadCount: 1 });

    // Read everything up to now on the laptop: both devices agree on zero.
    const before = new Date().toISOString();
    const allOnPhone = nextEvent<NotificationsReadPayload>(phone, 'notifications_read');
    const allOnLaptop = nextEvent<NotificationsReadPayload>(laptop, 'notifications_read');
    const readAll = await b
      .http()
      .post(`${NOTIFICATIONS}/read-all`)
      .set(...bearer(ana))
      .send({ before });
    expect(readAll.body).toEqual({ updated: 1, unreadCount: 0 });
    expect(await allOnPhone).toEqual({ ids: [], all: true, before, unreadCount: 0 });
    expect(await allOnLaptop).toEqual({ ids: [], all: true, before, unreadCount: 0 });
  });
});
