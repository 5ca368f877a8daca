import { bearer, RegisteredUser, registerUser } from '../support/builders';
import { directConversation, groupConversation, sendText } from '../support/chat-builders';
import {
  closeSockets,
  collect,
  connectChat,
  emitWithAck,
  nextEvent,
  noEvent,
} from '../support/socket-client';
import { createTestInstances, TestApp } from '../support/test-app';

/** Two instances sharing the database and Redis: blocks made on one hold on the other at once. */
describe('Messages and blocks', () => {
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

  const setBlock = async (user: RegisteredUser, targetId: string, blocked: boolean) => {
    const path = `/api/v1/users/me/blocks/${targetId}`;
    const res = await (blocked ? a.http().put(path) : a.http().delete(path)).set(...bearer(user));
    expect(res.status).toBe(204);
  };
  const historyOf = async (app: TestApp, user: RegisteredUser, conversationId: string) =>
    (
      await app
        .http()
        .get(`/api/v1/conversations/${conversationId}/messages`)
        .set(...bearer(user))
    ).body.items as Array<{ content: string; senderBlocked?: boolean }>;

  it('refuses writing into a direct chat where either user blocked the other, on every instance, storing nothing', async () => {
    const [alice, bob] = [await registerUser(a), await registerUser(a)];
    const conversationId = await directConversation(a, alice, bob);
    await sendText(b, bob, conversationId, 'before');
    await setBlock(alice, bob.id, true);

    for (const sender of [bob, alice]) {
      const rest = await b
        .http()
        .post(`/api/v1/conversations/${conversationId}/messages`)
        .set(...bearer(sender))
        .send({ content: 'after' });
      expect(rest.status).toBe(403);
      expect(rest.body.code).toBe('DIRECT_CONVERSATION_BLOCKED');
      const socket = await connectChat(b, sender);
      expect(await emitWithAck(socket, 'send_message', { conversationId, content: 'after' })).toEqual({
        ok: false,
        error: { code: 'DIRECT_CONVERSATION_BLOCKED', message: expect.any(String) },
      });
    }
    expect((await historyOf(a, alice, conversationId)).map((m) => m.content)).toEqual(['before']);

    await setBlock(alice, bob.id, false);
    await sendText(b, bob, conversationId, 'made up');
    expect((await historyOf(a, alice, conversationId)).map((m) => m.content)).toEqual(['before', 'made up']);
  });

  it('delivers a blocked member’s group messages to the blocker flagged, and to others as usual', async () => {
    const [alice, bob, carol] = [await registerUser(a), await registerUser(a), await registerUser(a)];
    const conversationId = await groupConversation(a, alice, [bob, carol]);
    await setBlock(alice, bob.id, true);
    const syncFrom = async (since?: string) =>
      (
        await a
          .http()
          .get('/api/v1/sync')
          .query(since ? { since } : {})
          .set(...bearer(alice))
      ).body;
    const { cursor } = await syncFrom();
    const [aliceSocket, carolSocket, bobSocket] = [
      await connectChat(a, alice),
      await connectChat(b, carol),
      await connectChat(b, bob),
    ];
    const aliceGot = collect<{ content: string; senderBlocked?: boolean }>(aliceSocket, 'new_message');
    const carolGot = nextEvent<{ content: string; senderBlocked?: boolean }>(carolSocket, 'new_message');
    const aliceFirst = nextEvent(aliceSocket, 'new_message');

    expect(await emitWithAck(bobSocket, 'send_message', { conversationId, content: 'hi all' })).toMatchObject(
      {
        ok: true,
        data: { content: 'hi all' },
      },
    );
    const ack = (await emitWithAck(bobSocket, 'send_message', { conversationId, content: 'again' })) as {
      data: { senderBlocked?: boolean };
    };
    expect(ack.data.senderBlocked).toBeUndefined(); // the sender is not told
    await aliceFirst;
    await noEvent(aliceSocket, 'no_such_event', 300);
    expect(aliceGot).toEqual([
      expect.objectContaining({ content: 'hi all', senderBlocked: true }),
      expect.objectContaining({ content: 'again', senderBlocked: true }),
    ]);
    expect((await carolGot).senderBlocked).toBeUndefined();

    await sendText(a, alice, conversationId, 'from alice');
    const aliceHistory = await historyOf(b, alice, conversationId);
    expect(aliceHistory.map((m) => [m.content, m.senderBlocked])).toEqual([
      ['hi all', true],
      ['again', true],
      ['from alice', undefined],
    ]);
    expect((await historyOf(a, carol, conversationId)).every((m) => m.senderBlocked === undefined)).toBe(
      true,
    );
    expect((await historyOf(a, bob, conversationId)).every((m) => m.senderBlocked === undefined)).toBe(true);

    const synced = await syncFrom(cursor);
    const bobsInSync = synced.messages.filter((m: { senderId: string }) => m.senderId === bob.id);
    expect(bobsInSync.map((m: { senderBlocked?: boolean }) => m.senderBlocked)).toEqual([true, true]);
  });
});
