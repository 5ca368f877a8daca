import { ObjectId } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { bearer, registerUser } from '../support/builders';
import { directConversation, sendText } from '../support/chat-builders';
import { closeSockets, connectChat, emitWithAck } from '../support/socket-client';
import { connectTestMongo, createTestApp, TestApp } from '../support/test-app';

interface Message {
  id: string;
  seq: number;
  clientMessageId: string;
  conversationId: string;
  content: string | null;
}

/** Idempotency: a message is (sender, clientMessageId), stored once however often it is sent. */
describe('Resending a clientMessageId', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterEach(() => closeSockets());
  afterAll(() => t.close());

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
});
