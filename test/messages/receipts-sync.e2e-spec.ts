import { getConnectionToken } from '@nestjs/mongoose';
import type { CommandStartedEvent } from 'mongodb';
import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import { MessageInsertsRepository } from '../../src/messages/message-inserts.repository';
import { bearer, RegisteredUser, registerUser } from '../support/builders';
import { eventually } from '../support/eventually';
import {
  directConversation,
  groupConversation,
  sendText,
  textMessageBuilder,
} from '../support/chat-builders';
import {
  ackData,
  closeSockets,
  collect,
  connectChat,
  emitWithAck,
  nextEvent,
} from '../support/socket-client';
import { createTestApp, TestApp, testMongoUri, uniqueName } from '../support/test-app';

interface DeliveredEvent {
  conversationId: string;
  userIds: string[];
  upToSeq: number;
}

interface SyncBody {
  messages: Array<{
    id: string;
    seq: number;
    conversationId: string;
    content: string | null;
    reactions: unknown[];
  }>;
  receipts: Array<{
    conversationId: string;
    members: Array<{ userId: string; readSeq: number; deliveredSeq: number }>;
  }>;
  conversations: { joined: string[]; left: string[] };
  cursor: string;
  hasMore: boolean;
}

describe('Receipts and unread counts', () => {
  let t: TestApp;
  /** The conversation ids of the updates the app sent to the delivery documents. */
  const deliveryDocumentWrites: string[] = [];

  beforeAll(async () => {
    const uri = testMongoUri(uniqueName('parley_test'), { monitorCommands: 'true' });
    t = await createTestApp({ MONGODB_URI: uri });
    t.app
      .get<Connection>(getConnectionToken())
      .getClient()
      .on('commandStarted', (event: CommandStartedEvent) => {
        if (event.commandName === 'update' && event.command.update === 'delivery_pointers') {
          for (const update of event.command.updates as Array<{ q: { _id: Types.ObjectId } }>) {
            deliveryDocumentWrites.push(update.q._id.toHexString());
          }
        }
      });
  });
  afterEach(() => closeSockets());
  afterAll(() => t.close());

  /** Alice and Bob in a direct chat, or with `extraMembers` more in a group Alice owns. */
  async function aliceAndBobWith(extraMembers: number) {
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    const others = await Promise.all(Array.from({ length: extraMembers }, () => registerUser(t)));
    const conversationId =
      extraMembers === 0
        ? await directConversation(t, alice, bob)
        : await groupConversation(t, alice, [bob, ...others]);
    return { alice, bob, others, conversationId };
  }

  async function receiptsOf(
    user: RegisteredUser,
    conversationId: string,
    messageId: string,
  ): Promise<Array<{ userId: string; status: string; deliveredAt: string | null; readAt: string | null }>> {
    const response = await t
      .http()
      .get(`/api/v1/conversations/${conversationId}/messages/${messageId}/receipts`)
      .set(...bearer(user));
    return response.body.receipts;
  }

  it('moves delivered when a recipient device is online, read on open_conversation, and tells the sender', async () => {
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    const conversationId = await directConversation(t, alice, bob);
    const aliceSocket = await connectChat(t, alice);
    const first = await sendText(t, alice, conversationId, 'one');
    await sendText(t, alice, conversationId, 'two');

    const list = await t
      .http()
      .get('/api/v1/conversations')
      .set(...bearer(bob));
    expect(list.body.items[0]).toMatchObject({
      id: conversationId,
      unreadCount: 2,
      lastSeq: 2,
      lastMessage: { preview: 'two' },
    });
    const receipts = `/api/v1/conversations/${conversationId}/messages/${first.id}/receipts`;
    expect(
      (
        await t
          .http()
          .get(receipts)
          .set(...bearer(alice))
      ).body.receipts,
    ).toEqual([{ userId: bob.id, status: 'sent', deliveredAt: null, readAt: null }]);

    const delivered = nextEvent<DeliveredEvent>(aliceSocket, 'messages_delivered', (e) =>
      e.userIds.includes(bob.id),
    );
    const bobSocket = await connectChat(t, bob);
    expect(await delivered).toEqual({ conversationId, userIds: [bob.id], upToSeq: 2 });
    expect(
      (
        await t
          .http()
          .get(receipts)
          .set(...bearer(alice))
      ).body.receipts[0],
    ).toMatchObject({ status: 'delivered' });

    const read = nextEvent<{ upToSeq: number }>(aliceSocket, 'messages_read');
    expect(await ackData(bobSocket, 'open_conversation', { conversationId })).toEqual({
      conversationId,
      readSeq: 2,
    });
    expect(await read).toEqual({ conversationId, userId: bob.id, upToSeq: 2 });
    expect(
      (
        await t
          .http()
          .get(receipts)
          .set(...bearer(alice))
      ).body.receipts[0],
    ).toMatchObject({
      status: 'read',
      readAt: expect.any(String),
    });
    const after = await t
      .http()
      .get(`/api/v1/conversations/${conversationId}`)
      .set(...bearer(bob));
    expect(after.body.unreadCount).toBe(0);
  });

  it('delivers to an online recipient as soon as a message is stored; pointers never move back', async () => {
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    const conversationId = await directConversation(t, alice, bob);
    const [aliceSocket, bobSocket] = [await connectChat(t, alice), await connectChat(t, bob)];
    const delivered = nextEvent<{ upToSeq: number }>(
      aliceSocket,
      'messages_delivered',
      (e) => e.upToSeq === 3,
    );
    for (const text of ['a', 'b', 'c']) {
      await ackData(aliceSocket, 'send_message', { conversationId, content: text });
    }
    await delivered;
    expect(await ackData(bobSocket, 'mark_read', { conversationId, seq: 3 })).toEqual({
      conversationId,
      readSeq: 3,
    });
    expect(await ackData(bobSocket, 'mark_read', { conversationId, seq: 1 })).toEqual({
      conversationId,
      readSeq: 3,
    });
    expect(
      await emitWithAck(bobSocket, 'mark_read', { conversationId, messageId: conversationId }),
    ).toMatchObject({
      ok: false,
      error: { code: 'MESSAGE_NOT_FOUND' },
    });
  });

  // `new_message` goes out once the message is stored, while its seq hint is raised and its conversation
  // records it: a read of that seq right then must not be capped at the previous one.
  it('lets a member mark read a message that is stored but not yet recorded by its conversation', async () => {
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    const conversationId = await directConversation(t, alice, bob);
    const bobSocket = await connectChat(t, bob);
    await sendText(t, alice, conversationId, 'recorded');
    // What a send holds between its insert and its conversation update (or after a crash there).
    const { record, announced } = await t.app
      .get(MessageInsertsRepository, { strict: false })
      .insertWithNextSeq(conversationId, textMessageBuilder(t, conversationId, alice.id), () =>
        Promise.resolve(1),
      );
    await announced;
    expect(record.seq).toBe(2);

    expect(await ackData(bobSocket, 'mark_read', { conversationId, seq: 2 })).toEqual({
      conversationId,
      readSeq: 2,
    });
    expect(await ackData(bobSocket, 'mark_read', { conversationId, seq: 9 })).toEqual({
      conversationId,
      readSeq: 2,
    });
  });

  // Through two instances `new_message` can reach a member before this instance hears of its seq (the hint,
  // its announcement or the conversation update): the read is checked against the stored messages.
  it('lets a member mark read a message stored by another instance that nothing here knows of yet', async () => {
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    const conversationId = await directConversation(t, alice, bob);
    const bobSocket = await connectChat(t, bob);
    await sendText(t, alice, conversationId, 'recorded');
    const messages = t.app.get<Connection>(getConnectionToken()).collection('messages');
    await messages.insertOne(textMessageBuilder(t, conversationId, alice.id)(2));

    expect(await ackData(bobSocket, 'mark_read', { conversationId, seq: 3 })).toEqual({
      conversationId,
      readSeq: 1,
    });
    expect(await ackData(bobSocket, 'mark_read', { conversationId, seq: 2 })).toEqual({
      conversationId,
      readSeq: 2,
    });
  });

  // Up to 20 members the update recording a message records who it reached; beyond, a delivery batch writes
  // the conversation's delivery document.
  it.each([
    ['a direct chat', 0, 0],
    ['a group of 21 members', 19, 1],
  ])(
    'records delivery to the online recipients in %s; a reconnect finds it recorded',
    async (_, extraMembers, documentWrites) => {
      const { alice, bob, conversationId } = await aliceAndBobWith(extraMembers);
      const [aliceSocket, bobSocket] = [await connectChat(t, alice), await connectChat(t, bob)];
      const delivered = nextEvent(aliceSocket, 'messages_delivered');
      const sent = await ackData<{ id: string; createdAt: string }>(aliceSocket, 'send_message', {
        conversationId,
        content: 'hello',
      });

      expect(await delivered).toEqual({ conversationId, userIds: [bob.id], upToSeq: 1 });
      const receipts = await receiptsOf(alice, conversationId, sent.id);
      const bobsReceipt = receipts.find((r) => r.userId === bob.id);
      expect(bobsReceipt).toEqual({
        userId: bob.id,
        status: 'delivered',
        deliveredAt: expect.any(String),
        readAt: null,
      });
      const deliveredAt = Date.parse(bobsReceipt!.deliveredAt!);
      expect(deliveredAt).toBeGreaterThanOrEqual(Date.parse(sent.createdAt));
      expect(deliveredAt).toBeLessThanOrEqual(Date.now());
      expect(receipts.filter((r) => r.status !== 'sent')).toHaveLength(1);
      expect(deliveryDocumentWrites.filter((id) => id === conversationId)).toHaveLength(documentWrites);

      const offline = nextEvent(aliceSocket, 'user_offline');
      bobSocket.disconnect();
      await offline;
      const deliveries = collect(aliceSocket, 'messages_delivered');
      await connectChat(t, bob);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(deliveries).toEqual([]);
    },
    30_000,
  );

  // A member coming online changes the delivery ticks of the messages their pointer passes over: their
  // senders are told (all of them up to 100 members, beyond that the last message's), never the whole room.
  it.each([
    ['a group of 4', 2, true],
    ['a group of more than 100 members', 100, false],
  ])(
    'tells the senders, not the room, that a member coming online caught up in %s',
    async (_, extraMembers, everySenderTold) => {
      const { alice, bob, others, conversationId } = await aliceAndBobWith(extraMembers);
      const [carol, dave] = others;
      const sockets = await Promise.all([alice, bob, carol].map((user) => connectChat(t, user)));
      const one = await sendText(t, alice, conversationId, 'one');
      const twoReachedCarol = nextEvent(sockets[1], 'messages_delivered', (e: DeliveredEvent) =>
        e.userIds.includes(carol.id),
      );
      await sendText(t, bob, conversationId, 'two');
      // Dave connects once the live deliveries are announced: a delivery window (groups of more than 20)
      // still open when he comes online would rightly count him among the members it reached.
      expect(await twoReachedCarol).toMatchObject({ conversationId, upToSeq: 2 });
      const events = sockets.map((socket) => collect<DeliveredEvent>(socket, 'messages_delivered'));
      const forDave = (i: number) => events[i].filter((e) => e.userIds.includes(dave.id));

      const bobTold = nextEvent(sockets[1], 'messages_delivered', (e: DeliveredEvent) =>
        e.userIds.includes(dave.id),
      );
      await connectChat(t, dave);
      expect(await bobTold).toEqual({ conversationId, userIds: [dave.id], upToSeq: 2 });
      if (everySenderTold) {
        await eventually(async () => expect(forDave(0)).toHaveLength(1));
      }
      // Events reach a socket in order: whatever the catch-up sent has arrived before these acks.
      for (const socket of [sockets[0], sockets[2]]) {
        await ackData(socket, 'join_conversation', { conversationId });
      }
      expect(forDave(0)).toEqual(everySenderTold ? [{ conversationId, userIds: [dave.id], upToSeq: 2 }] : []);
      expect(forDave(1)).toHaveLength(1);
      expect(forDave(2)).toEqual([]);
      const receipts = await receiptsOf(alice, conversationId, one.id);
      expect(receipts.find((r) => r.userId === dave.id)).toMatchObject({ status: 'delivered' });
    },
    60_000,
  );

  it('does not tell a sender who has left that a member coming online caught up', async () => {
    const { alice, bob, others, conversationId } = await aliceAndBobWith(2);
    const [, dave] = others;
    const [aliceSocket, bobSocket] = [await connectChat(t, alice), await connectChat(t, bob)];
    await sendText(t, bob, conversationId, 'one');
    const left = await t
      .http()
      .delete(`/api/v1/conversations/${conversationId}/members/${bob.id}`)
      .set(...bearer(bob));
    expect(left.status).toBe(204);
    await sendText(t, alice, conversationId, 'two');
    const toBob = collect<DeliveredEvent>(bobSocket, 'messages_delivered');

    const aliceTold = nextEvent(aliceSocket, 'messages_delivered', (e: DeliveredEvent) =>
      e.userIds.includes(dave.id),
    );
    await connectChat(t, dave);
    expect(await aliceTold).toEqual({ conversationId, userIds: [dave.id], upToSeq: 2 });
    // Events reach a socket in order: whatever the catch-up sent bob has arrived before this answer.
    await emitWithAck(bobSocket, 'join_conversation', { conversationId });
    expect(toBob.filter((e) => e.userIds.includes(dave.id))).toEqual([]);
  }, 30_000);

  // Up to 100 members a read goes to the whole room ("seen by"); beyond, to the reader's devices and the
  // last message's sender: every member reading every message must not cost members x online sends.
  it.each([
    ['a group of 4', 2, true],
    ['a group of more than 100 members', 100, false],
  ])(
    'announces a read in %s to the whole room only when the group is small',
    async (_, extraMembers, roomTold) => {
      const { alice, bob, others, conversationId } = await aliceAndBobWith(extraMembers);
      const [carol] = others;
      const [aliceSocket, bobSocket, carolSocket, carolOtherDevice] = await Promise.all(
        [alice, bob, carol, carol].map((user) => connectChat(t, user)),
      );
      await sendText(t, bob, conversationId, 'one');
      await sendText(t, alice, conversationId, 'two');
      const reads = [aliceSocket, bobSocket, carolOtherDevice].map((socket) =>
        collect<{ userId: string }>(socket, 'messages_read'),
      );
      const byCarol = (i: number) => reads[i].filter((e) => e.userId === carol.id);

      expect(await ackData(carolSocket, 'mark_read', { conversationId, seq: 2 })).toEqual({
        conversationId,
        readSeq: 2,
      });
      const expected = { conversationId, userId: carol.id, upToSeq: 2 };
      await eventually(async () => expect(byCarol(0)).toEqual([expected]));
      await eventually(async () => expect(byCarol(2)).toEqual([expected]));
      // Events reach a socket in order: whatever the read sent bob has arrived before this ack.
      await ackData(bobSocket, 'join_conversation', { conversationId });
      expect(byCarol(1)).toEqual(roomTold ? [expected] : []);
    },
    60_000,
  );

  // Conversations of up to 100 members keep senders' seqs on the conversation; larger ones on memberships.
  it.each([
    ['a direct chat', 0],
    ['a group of more than 100 members', 100],
  ])(
    'counts a reply as reading up to it in %s: receipts, unread counts, mark_read, connect',
    async (_, extraMembers) => {
      const { alice, bob, conversationId } = await aliceAndBobWith(extraMembers);
      const first = await sendText(t, alice, conversationId, 'question');
      const reply = await sendText(t, bob, conversationId, 'answer');

      const bobsReceipt = (await receiptsOf(alice, conversationId, first.id)).find(
        (r) => r.userId === bob.id,
      );
      expect(bobsReceipt).toEqual({
        userId: bob.id,
        status: 'read',
        deliveredAt: expect.any(String),
        readAt: expect.any(String),
      });
      const readAt = Date.parse(bobsReceipt!.readAt!);
      expect(readAt).toBeGreaterThanOrEqual(Date.parse(reply.createdAt as string));
      expect(readAt).toBeLessThanOrEqual(Date.now());
      // Reading implies delivery: delivered no later than read.
      expect(bobsReceipt!.deliveredAt).toBe(bobsReceipt!.readAt);
      const forBob = await t
        .http()
        .get(`/api/v1/conversations/${conversationId}`)
        .set(...bearer(bob));
      expect(forBob.body).toMatchObject({ readSeq: 2, unreadCount: 0 });
      const forAlice = await t
        .http()
        .get(`/api/v1/conversations/${conversationId}`)
        .set(...bearer(alice));
      expect(forAlice.body).toMatchObject({ readSeq: 1, unreadCount: 1 });
      // Bob has read (and so received) everything up to his own last message: connecting delivers nothing new.
      const aliceSocket = await connectChat(t, alice);
      const deliveries = collect<DeliveredEvent>(aliceSocket, 'messages_delivered');
      const bobSocket = await connectChat(t, bob);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(deliveries.filter((e) => e.userIds.includes(bob.id))).toEqual([]);
      expect(await ackData(bobSocket, 'mark_read', { conversationId, seq: 1 })).toEqual({
        conversationId,
        readSeq: 2,
      });
    },
    30_000,
  );

  it('does not count a member’s own messages as unread for them', async () => {
    const [owner, a, b] = [await registerUser(t), await registerUser(t), await registerUser(t)];
    const conversationId = await groupConversation(t, owner, [a, b]);
    await sendText(t, a, conversationId, 'from a');
    await sendText(t, b, conversationId, 'from b');
    await sendText(t, a, conversationId, 'a again');
    const forA = await t
      .http()
      .get(`/api/v1/conversations/${conversationId}`)
      .set(...bearer(a));
    const forOwner = await t
      .http()
      .get(`/api/v1/conversations/${conversationId}`)
      .set(...bearer(owner));
    expect(forA.body.unreadCount).toBe(0);
    expect(forOwner.body.unreadCount).toBe(3);
  });
});

describe('Catch-up through /sync', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterEach(() => closeSockets());
  afterAll(() => t.close());

  const sync = async (user: { accessToken: string }, since?: string, limit?: number): Promise<SyncBody> => {
    const res = await t
      .http()
      .get('/api/v1/sync')
      .query({ ...(since ? { since } : {}), ...(limit ? { limit } : {}) })
      .set(...bearer(user));
    expect(res.status).toBe(200);
    return res.body as SyncBody;
  };

  it('returns everything missed while offline, exactly once across pages, with edits, deletes and reactions applied', async () => {
    const [alice, bob, carol] = [await registerUser(t), await registerUser(t), await registerUser(t)];
    const direct = await directConversation(t, alice, bob);
    const { cursor } = await sync(bob);

    const sent = [];
    for (let i = 0; i < 7; i += 1) {
      sent.push(await sendText(t, alice, direct, `missed ${i}`));
    }
    const group = (
      await t
        .http()
        .post('/api/v1/conversations/group')
        .set(...bearer(carol))
        .send({ name: 'new', memberIds: [bob.id] })
    ).body.id as string;
    sent.push(await sendText(t, carol, group, 'welcome'));
    await t
      .http()
      .patch(`/api/v1/conversations/${direct}/messages/${sent[0].id}`)
      .set(...bearer(alice))
      .send({ content: 'edited' });
    await t
      .http()
      .delete(`/api/v1/conversations/${direct}/messages/${sent[1].id}`)
      .set(...bearer(alice));
    await t
      .http()
      .put(`/api/v1/conversations/${direct}/messages/${sent[2].id}/reactions/🎉`)
      .set(...bearer(alice));

    const seen = new Map<string, SyncBody['messages'][number]>();
    let since = cursor;
    let joined: string[] = [];
    for (let page = 0; page < 10; page += 1) {
      const body = await sync(bob, since, 3);
      body.messages.forEach((m) => seen.set(m.id, m));
      joined = [...joined, ...body.conversations.joined];
      since = body.cursor;
      if (!body.hasMore) {
        break;
      }
    }
    expect([...seen.keys()].sort()).toEqual(sent.map((m) => m.id).sort());
    expect(seen.get(sent[0].id)?.content).toBe('edited');
    expect(seen.get(sent[1].id)?.content).toBeNull();
    expect(seen.get(sent[2].id)?.reactions).toEqual([{ emoji: '🎉', userIds: [alice.id] }]);
    expect(joined).toContain(group);
  });

  it('refuses a cursor of another user or a made-up one with 410', async () => {
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    const { cursor } = await sync(alice);
    for (const since of [cursor, 'AAAAAAAAAAAAAAAAAAAAAA']) {
      const res = await t
        .http()
        .get('/api/v1/sync')
        .query({ since })
        .set(...bearer(bob));
      expect(res.status).toBe(410);
      expect(res.body.code).toBe('SYNC_CURSOR_EXPIRED');
    }
  });
});
