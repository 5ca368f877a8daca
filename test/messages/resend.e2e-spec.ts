import { ObjectId } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { bearer, registerUser, RegisteredUser } from '../support/builders';
import { directConversation, groupConversation, sendText } from '../support/chat-builders';
import { closeSockets, collect, connectChat, emitWithAck, nextEvent } from '../support/socket-client';
import { connectTestMongo, createTestApp, TestApp } from '../support/test-app';

interface Message {
  id: string;
  seq: number;
  clientMessageId: string;
  conversationId: string;
  content: string | null;
}

/** Idempotency: a message is (sender, clientMessageId), and a resend only ever answers in its own conversation. */
describe('Resending a clientMessageId', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterEach(() => closeSockets());
  afterAll(() => t.close());

  const postMessage = (sender: RegisteredUser, conversationId: string, body: Record<string, unknown>) =>
    t
      .http()
      .post(`/api/v1/conversations/${conversationId}/messages`)
      .set(...bearer(sender))
      .send(body);

  const historyOf = async (reader: RegisteredUser, conversationId: string): Promise<Message[]> =>
    (
      await t
        .http()
        .get(`/api/v1/conversations/${conversationId}/messages`)
        .set(...bearer(reader))
    ).body.items as Message[];

  it('returns the original message when a clientMessageId is resent, also under concurrent duplicates', async () => {
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    const conversationId = await directConversation(t, alice, bob);
    const socket = await connectChat(t, alice);
    const clientMessageId = randomUUID();
    const viaRest = Array.from({ length: 5 }, () =>
      t
        .http()
        .post(`/api/v1/conversations/${conversationId}/messages`)
        .set(...bearer(alice))
        .send({ content: 'once', clientMessageId }),
    );
    const viaSocket = Array.from({ length: 5 }, () =>
      emitWithAck<Message>(socket, 'send_message', { conversationId, content: 'once', clientMessageId }),
    );
    const [restReplies, socketAcks] = await Promise.all([Promise.all(viaRest), Promise.all(viaSocket)]);
    const ids = new Set([
      ...restReplies.map((res) => (res.body as Message).id),
      ...socketAcks.map((ack) => (ack.ok ? ack.data.id : 'failed')),
    ]);
    expect(ids.size).toBe(1);
    const history = await t
      .http()
      .get(`/api/v1/conversations/${conversationId}/messages`)
      .set(...bearer(alice));
    expect(history.body.items).toHaveLength(1);
    expect(history.body.items[0]).toMatchObject({ seq: 1, clientMessageId });

    const next = await sendText(t, alice, conversationId, 'next');
    expect(next.seq).toBe(2); // the duplicates burnt no seq
  });

  it('records a stored message in its conversation when a resend finds it unrecorded (the original stopped after its insert)', async () => {
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    const conversationId = await directConversation(t, alice, bob);
    const clientMessageId = randomUUID();
    const send = () =>
      t
        .http()
        .post(`/api/v1/conversations/${conversationId}/messages`)
        .set(...bearer(alice))
        .send({ content: 'after the crash', clientMessageId });
    const original = (await send()).body as Message;
    // The state a crash between the message's insert and the conversation's update leaves behind.
    const mongo = await connectTestMongo();
    try {
      await mongo
        .db(t.databaseName)
        .collection('conversations')
        .updateOne(
          { _id: new ObjectId(conversationId) },
          { $set: { lastSeq: 0 }, $unset: { lastMessage: '', sentUpTo: '' } },
        );
    } finally {
      await mongo.close();
    }
    const unrecorded = await t
      .http()
      .get(`/api/v1/conversations/${conversationId}`)
      .set(...bearer(bob));
    expect(unrecorded.body).toMatchObject({ lastSeq: 0, lastMessage: null, unreadCount: 0 });

    const resent = await send();
    expect(resent.body).toMatchObject({ id: original.id, seq: 1 });
    const forBob = await t
      .http()
      .get(`/api/v1/conversations/${conversationId}`)
      .set(...bearer(bob));
    expect(forBob.body).toMatchObject({
      lastSeq: 1,
      lastMessage: { id: original.id, seq: 1, preview: 'after the crash' },
      unreadCount: 1,
    });
    const forAlice = await t
      .http()
      .get(`/api/v1/conversations/${conversationId}`)
      .set(...bearer(alice));
    expect(forAlice.body).toMatchObject({ unreadCount: 0, readSeq: 1 });
  });

  it('stores each of many concurrent clientMessageIds once when some are sent twice at the same time', async () => {
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    const conversationId = await directConversation(t, alice, bob);
    const socket = await connectChat(t, alice);
    const clientIds = Array.from({ length: 10 }, () => randomUUID());
    const acks = await Promise.all(
      [...clientIds, ...clientIds].map((clientMessageId) =>
        emitWithAck<Message>(socket, 'send_message', { conversationId, content: 'x', clientMessageId }),
      ),
    );
    const byClientId = new Map<string, Set<string>>();
    acks.forEach((ack, index) => {
      expect(ack.ok).toBe(true);
      const ids = byClientId.get(clientIds[index % 10]) ?? new Set<string>();
      ids.add(ack.ok ? ack.data.id : 'failed');
      byClientId.set(clientIds[index % 10], ids);
    });
    expect([...byClientId.values()].map((ids) => ids.size)).toEqual(Array(10).fill(1));
    const history = await t
      .http()
      .get(`/api/v1/conversations/${conversationId}/messages`)
      .set(...bearer(alice));
    expect(history.body.items.map((m: Message) => m.seq)).toEqual(
      Array.from({ length: 10 }, (_, i) => i + 1),
    );
  });

  it('refuses a removed member’s resend into another conversation with CLIENT_MESSAGE_ID_CONFLICT on both transports, revealing and storing nothing', async () => {
    const [owner, bob, carol] = [await registerUser(t), await registerUser(t), await registerUser(t)];
    const group = await groupConversation(t, owner, [bob, carol]);
    const clientMessageId = randomUUID();
    const old = await sendText(t, bob, group, 'said in the group', { clientMessageId });
    const removed = await t
      .http()
      .delete(`/api/v1/conversations/${group}/members/${bob.id}`)
      .set(...bearer(owner));
    expect(removed.status).toBe(204);
    const reacted = await t
      .http()
      .put(`/api/v1/conversations/${group}/messages/${old.id}/reactions/${encodeURIComponent('👍')}`)
      .set(...bearer(carol));
    expect(reacted.status).toBe(200);
    const direct = await directConversation(t, bob, carol);
    const carolSaw = collect<Message>(await connectChat(t, carol), 'new_message');
    const bobSocket = await connectChat(t, bob);

    const viaRest = await postMessage(bob, direct, { content: 'hi carol', clientMessageId });
    expect(viaRest.status).toBe(409);
    expect(viaRest.body).toMatchObject({ statusCode: 409, code: 'CLIENT_MESSAGE_ID_CONFLICT' });
    const viaSocket = await emitWithAck(bobSocket, 'send_message', {
      conversationId: direct,
      content: 'hi carol',
      clientMessageId,
    });
    expect(viaSocket).toMatchObject({ ok: false, error: { code: 'CLIENT_MESSAGE_ID_CONFLICT' } });
    for (const answer of [JSON.stringify(viaRest.body), JSON.stringify(viaSocket)]) {
      expect(answer).not.toContain(group);
      expect(answer).not.toContain(old.id);
      expect(answer).not.toContain('said in the group');
      expect(answer).not.toContain('👍');
    }

    // The group is not readable through a resend into it either: bob is no longer a member.
    const intoGroup = await postMessage(bob, group, { content: 'said in the group', clientMessageId });
    expect(intoGroup.status).toBe(404);
    expect(intoGroup.body.code).toBe('CONVERSATION_NOT_FOUND');
    expect(
      await emitWithAck(bobSocket, 'send_message', { conversationId: group, content: 'x', clientMessageId }),
    ).toMatchObject({ ok: false, error: { code: 'CONVERSATION_NOT_FOUND' } });

    // Nothing was stored or announced in the direct conversation, and no seq was taken there.
    const arrived = nextEvent<Message>(
      await connectChat(t, carol),
      'new_message',
      (m) => m.conversationId === direct,
    );
    const next = await sendText(t, bob, direct, 'a new message');
    expect(next.seq).toBe(1);
    expect((await arrived).id).toBe(next.id);
    expect(carolSaw.map((m) => m.id)).toEqual([next.id]);
    expect((await historyOf(carol, direct)).map((m) => m.id)).toEqual([next.id]);
  });

  it('refuses a clientMessageId used in another conversation of the same member, on both transports', async () => {
    const [alice, bob, carol] = [await registerUser(t), await registerUser(t), await registerUser(t)];
    const withBob = await directConversation(t, alice, bob);
    const withCarol = await directConversation(t, alice, carol);
    const clientMessageId = randomUUID();
    const original = await sendText(t, alice, withBob, 'for bob', { clientMessageId });
    const socket = await connectChat(t, alice);

    const viaRest = await postMessage(alice, withCarol, { content: 'for carol', clientMessageId });
    expect(viaRest.status).toBe(409);
    expect(viaRest.body.code).toBe('CLIENT_MESSAGE_ID_CONFLICT');
    expect(
      await emitWithAck(socket, 'send_message', { conversationId: withCarol, content: 'x', clientMessageId }),
    ).toMatchObject({ ok: false, error: { code: 'CLIENT_MESSAGE_ID_CONFLICT' } });
    expect(await historyOf(alice, withCarol)).toEqual([]);

    // A resend into the conversation that holds the message is still answered with it.
    const resent = await emitWithAck<Message>(socket, 'send_message', {
      conversationId: withBob,
      content: 'for bob',
      clientMessageId,
    });
    expect(resent).toMatchObject({ ok: true, data: { id: original.id, conversationId: withBob, seq: 1 } });
  });

  it('stores a clientMessageId sent to two conversations at once in one of them and refuses the other', async () => {
    const [alice, bob, carol] = [await registerUser(t), await registerUser(t), await registerUser(t)];
    const conversations = [
      await directConversation(t, alice, bob),
      await directConversation(t, alice, carol),
    ];
    const socket = await connectChat(t, alice);
    const clientMessageId = randomUUID();
    const acks = await Promise.all(
      conversations.map((conversationId) =>
        emitWithAck<Message>(socket, 'send_message', { conversationId, content: 'once', clientMessageId }),
      ),
    );
    const stored = acks.flatMap((ack) => (ack.ok ? [ack.data] : []));
    expect(stored).toHaveLength(1);
    expect(acks.filter((ack) => !ack.ok)).toEqual([
      { ok: false, error: expect.objectContaining({ code: 'CLIENT_MESSAGE_ID_CONFLICT' }) },
    ]);
    const histories = await Promise.all(conversations.map((id) => historyOf(alice, id)));
    expect(histories.flat().map((m) => m.id)).toEqual([stored[0].id]);
  });
});
