import { bearer, registerUser, RegisteredUser } from '../support/builders';
import { groupConversation, sendText } from '../support/chat-builders';
import { eventually } from '../support/eventually';
import { closeSockets } from '../support/socket-client';
import { createTestApp, TestApp } from '../support/test-app';

describe('Inbox: sources', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterEach(() => closeSockets());
  afterAll(async () => {
    await t.close();
  });

  const inboxOf = async (user: RegisteredUser) => {
    const res = await t
      .http()
      .get('/api/v1/notifications')
      .set(...bearer(user));
    expect(res.status).toBe(200);
    return res.body as { items: Array<Record<string, unknown>>; nextCursor: string | null; unreadCount: number };
  };

  it('creates a reaction entry for the message sender', async () => {
    const [ana, ben] = await Promise.all([registerUser(t), registerUser(t)]);
    const group = await groupConversation(t, ana, [ben]);
    const message = await sendText(t, ana, group, 'hello');
    const res = await t
      .http()
      .put(`/api/v1/conversations/${group}/messages/${message.id}/reactions/${encodeURIComponent('👍')}`)
      .set(...bearer(ben));
    expect(res.status).toBeLessThan(300);
    await eventually(async () => {
      const inbox = await inboxOf(ana);
      expect(inbox.items).toEqual([
        expect.objectContaining({ kind: 'reaction', messageId: message.id, emoji: '👍', count: 1 }),
      ]);
      expect(inbox.unreadCount).toBe(1);
    });
  });
});
