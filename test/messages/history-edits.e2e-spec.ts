import { bearer, registerUser } from '../support/builders';
import { directConversation, groupConversation, sendText } from '../support/chat-builders';
import { ackData, closeSockets, connectChat, emitWithAck, nextEvent } from '../support/socket-client';
import { createTestApp, TestApp } from '../support/test-app';

describe('History, edits, deletes and reactions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ MESSAGE_EDIT_WINDOW_SECONDS: '2' });
  });
  afterEach(() => closeSockets());
  afterAll(() => t.close());

  it('pages history backwards and forwards by seq, stable and gap-free', async () => {
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    const conversationId = await directConversation(t, alice, bob);
    for (let i = 1; i <= 12; i += 1) {
      await sendText(t, i % 2 ? alice : bob, conversationId, `m${i}`);
    }
    const url = `/api/v1/conversations/${conversationId}/messages`;
    const newest = await t
      .http()
      .get(url)
      .query({ limit: 5 })
      .set(...bearer(alice));
    expect(newest.body.items.map((m: { seq: number }) => m.seq)).toEqual([8, 9, 10, 11, 12]);
    expect(newest.body.hasMore).toBe(true);
    const older = await t
      .http()
      .get(url)
      .query({ before: 8, limit: 5 })
      .set(...bearer(alice));
    expect(older.body.items.map((m: { seq: number }) => m.seq)).toEqual([3, 4, 5, 6, 7]);
    const oldest = await t
      .http()
      .get(url)
      .query({ before: 3, limit: 5 })
      .set(...bearer(alice));
    expect(oldest.body).toMatchObject({ hasMore: false });
    expect(oldest.body.items.map((m: { seq: number }) => m.seq)).toEqual([1, 2]);
    const forward = await t
      .http()
      .get(url)
      .query({ after: 10, limit: 5 })
      .set(...bearer(bob));
    expect(forward.body.items.map((m: { content: string }) => m.content)).toEqual(['m11', 'm12']);
    const both = await t
      .http()
      .get(url)
      .query({ after: 1, before: 5 })
      .set(...bearer(bob));
    expect(both.status).toBe(400);
    const tooMany = await t
      .http()
      .get(url)
      .query({ limit: 101 })
      .set(...bearer(bob));
    expect(tooMany.status).toBe(400);
  });

  it('lets only the sender edit, within the window, and tells every member', async () => {
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    const conversationId = await directConversation(t, alice, bob);
    const message = await sendText(t, alice, conversationId, 'draft');
    const [aliceSocket, bobSocket] = [await connectChat(t, alice), await connectChat(t, bob)];
    const edited = nextEvent<{ id: string; content: string; editedAt: string }>(bobSocket, 'message_edited');
    const ack = await ackData<{ content: string }>(aliceSocket, 'edit_message', {
      conversationId,
      messageId: message.id,
      content: 'final',
    });
    expect(ack.content).toBe('final');
    expect(await edited).toMatchObject({ id: message.id, content: 'final', editedAt: expect.any(String) });

    const byBob = await emitWithAck(bobSocket, 'edit_message', {
      conversationId,
      messageId: message.id,
      content: 'hijack',
    });
    expect(byBob).toMatchObject({ ok: false, error: { code: 'NOT_MESSAGE_SENDER' } });

    await new Promise((resolve) => setTimeout(resolve, 2200));
    const late = await t
      .http()
      .patch(`/api/v1/conversations/${conversationId}/messages/${message.id}`)
      .set(...bearer(alice))
      .send({ content: 'too late' });
    expect(late.status).toBe(403);
    expect(late.body.code).toBe('EDIT_WINDOW_CLOSED');
  });

  it('deletes for everyone as a tombstone that keeps its seq; group admins may delete others’ messages', async () => {
    const [owner, member, other] = [await registerUser(t), await registerUser(t), await registerUser(t)];
    const conversationId = await groupConversation(t, owner, [member, other]);
    const mine = await sendText(t, member, conversationId, 'oops');
    const theirs = await sendText(t, other, conversationId, 'rude');
    const memberSocket = await connectChat(t, member);
    const notDeleted = await emitWithAck(memberSocket, 'delete_message', {
      conversationId,
      messageId: theirs.id,
    });
    expect(notDeleted).toMatchObject({ ok: false, error: { code: 'NOT_MESSAGE_SENDER' } });

    const deletedEvent = nextEvent<{ messageId: string; seq: number }>(memberSocket, 'message_deleted');
    const tombstone = await ackData<{ content: null; deletedAt: string; seq: number }>(
      memberSocket,
      'delete_message',
      {
        conversationId,
        messageId: mine.id,
      },
    );
    expect(tombstone).toMatchObject({
      content: null,
      attachments: [],
      seq: mine.seq,
      deletedAt: expect.any(String),
    });
    expect(await deletedEvent).toMatchObject({ messageId: mine.id, seq: mine.seq });

    const byOwner = await t
      .http()
      .delete(`/api/v1/conversations/${conversationId}/messages/${theirs.id}`)
      .set(...bearer(owner));
    expect(byOwner.status).toBe(200);
    const history = await t
      .http()
      .get(`/api/v1/conversations/${conversationId}/messages`)
      .set(...bearer(other));
    expect(
      history.body.items.map((m: { seq: number; content: string | null }) => [m.seq, m.content]),
    ).toEqual([
      [1, null],
      [2, null],
    ]);
  });

  it('keeps one reaction per user and emoji, and removes it', async () => {
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    const conversationId = await directConversation(t, alice, bob);
    const message = await sendText(t, alice, conversationId, 'react to me');
    const [aliceSocket, bobSocket] = [await connectChat(t, alice), await connectChat(t, bob)];
    const added = nextEvent(aliceSocket, 'message_reaction_added');
    const ref = { conversationId, messageId: message.id, emoji: '👍' };
    await ackData(bobSocket, 'add_reaction', ref);
    await ackData(bobSocket, 'add_reaction', ref);
    const withAlice = await ackData<{ reactions: unknown }>(aliceSocket, 'add_reaction', ref);
    expect(withAlice.reactions).toEqual([{ emoji: '👍', userIds: [bob.id, alice.id] }]);
    expect(await added).toEqual({ conversationId, messageId: message.id, userId: bob.id, emoji: '👍' });
    const removed = await ackData<{ reactions: unknown }>(bobSocket, 'remove_reaction', ref);
    expect(removed.reactions).toEqual([{ emoji: '👍', userIds: [alice.id] }]);
  });
});
