import { bearer, registerUser } from '../support/builders';
import { directConversation, groupConversation, sendText } from '../support/chat-builders';
import {
  ackData,
  closeSockets,
  collect,
  connectChat,
  emitWithAck,
  nextEvent,
} from '../support/socket-client';
import { createTestApp, TestApp } from '../support/test-app';

interface Message {
  id: string;
  seq: number;
  conversationId: string;
  senderId: string;
  content: string | null;
}

describe('Sending messages', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterEach(() => closeSockets());
  afterAll(() => t.close());

  it('stores a socket message before acking it and delivers it to the recipient and the sender’s other devices', async () => {
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    const conversationId = await directConversation(t, alice, bob);
    const [phone, laptop, bobSocket] = [
      await connectChat(t, alice),
      await connectChat(t, alice),
      await connectChat(t, bob),
    ];
    const toBob = nextEvent<Message>(bobSocket, 'new_message');
    const toLaptop = nextEvent<Message>(laptop, 'new_message');

    const sent = await ackData<Message>(phone, 'send_message', { conversationId, content: 'hello bob' });
    expect(sent).toMatchObject({
      conversationId,
      seq: 1,
      senderId: alice.id,
      content: 'hello bob',
      type: 'text',
    });
    const stored = await t
      .http()
      .get(`/api/v1/conversations/${conversationId}/messages/${sent.id}`)
      .set(...bearer(bob));
    expect(stored.status).toBe(200);
    expect(stored.body).toEqual(sent);
    expect(await toBob).toEqual(sent);
    expect(await toLaptop).toEqual(sent);
  });

  it('delivers a REST message to sockets exactly like a socket message', async () => {
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    const conversationId = await directConversation(t, alice, bob);
    const bobSocket = await connectChat(t, bob);
    const received = nextEvent<Message>(bobSocket, 'new_message');
    const sent = await sendText(t, alice, conversationId, 'via rest');
    expect(await received).toEqual(sent);
  });

  it('numbers messages 1..N with no gap or repeat under concurrent senders', async () => {
    const senders = await Promise.all(Array.from({ length: 5 }, () => registerUser(t)));
    const [owner, ...rest] = senders;
    const conversationId = await groupConversation(t, owner, rest);
    const sockets = await Promise.all(senders.map((sender) => connectChat(t, sender)));
    const perSender = 200;
    const acks = await Promise.all(
      sockets.flatMap((socket, s) =>
        Array.from({ length: perSender }, (_, i) =>
          emitWithAck<Message>(socket, 'send_message', { conversationId, content: `${s}-${i}` }, 90_000),
        ),
      ),
    );
    const failures = acks.filter((ack) => !ack.ok);
    expect(failures.slice(0, 1)).toEqual([]);
    const seqs = acks.map((ack) => (ack.ok ? ack.data.seq : -1)).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: senders.length * perSender }, (_, i) => i + 1));
  }, 120_000);

  it('refuses non-members on REST and on every socket event, revealing nothing', async () => {
    const [alice, bob, mallory] = [await registerUser(t), await registerUser(t), await registerUser(t)];
    const conversationId = await directConversation(t, alice, bob);
    const message = await sendText(t, alice, conversationId, 'private');
    const rest = await t
      .http()
      .post(`/api/v1/conversations/${conversationId}/messages`)
      .set(...bearer(mallory))
      .send({ content: 'hi' });
    expect(rest.status).toBe(404);
    const history = await t
      .http()
      .get(`/api/v1/conversations/${conversationId}/messages`)
      .set(...bearer(mallory));
    expect(history.status).toBe(404);

    const socket = await connectChat(t, mallory);
    const ref = { conversationId, messageId: message.id };
    const attempts: Array<[string, unknown]> = [
      ['send_message', { conversationId, content: 'hi' }],
      ['edit_message', { ...ref, content: 'x' }],
      ['delete_message', ref],
      ['add_reaction', { ...ref, emoji: '👍' }],
      ['remove_reaction', { ...ref, emoji: '👍' }],
      ['mark_read', { conversationId, seq: 1 }],
      ['open_conversation', { conversationId }],
      ['join_conversation', { conversationId }],
      ['typing', { conversationId }],
    ];
    for (const [event, payload] of attempts) {
      expect(await emitWithAck(socket, event, payload)).toMatchObject({
        ok: false,
        error: { code: 'CONVERSATION_NOT_FOUND' },
      });
    }
  });

  it('answers malformed payloads with VALIDATION_FAILED and stores nothing', async () => {
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    const conversationId = await directConversation(t, alice, bob);
    const socket = await connectChat(t, alice);
    const bobSaw = collect(await connectChat(t, bob), 'new_message');
    const bad: Array<[string, unknown]> = [
      ['send_message', undefined],
      ['send_message', 'text'],
      ['send_message', { conversationId }],
      ['send_message', { conversationId, content: '   ' }],
      ['send_message', { conversationId: 'nope', content: 'x' }],
      ['send_message', { conversationId, content: 'x', clientMessageId: 'not-a-uuid' }],
      ['send_message', { conversationId, content: 'x', type: 'video' }],
      ['send_message', { conversationId, content: 'x', extra: true }],
      [
        'send_message',
        {
          conversationId,
          type: 'image',
          attachments: [{ url: 'https://x.test/a.png', mimeType: 'image/png', size: 1, name: 'a' }],
        },
      ],
      ['send_message', { conversationId, content: 'x'.repeat(4001) }],
      ['edit_message', { conversationId, messageId: 'x', content: 'y' }],
      ['delete_message', { conversationId }],
      ['add_reaction', { conversationId, messageId: conversationId, emoji: '' }],
      ['mark_read', { conversationId, seq: 1, messageId: conversationId }],
      ['open_conversation', {}],
    ];
    for (const [event, payload] of bad) {
      const ack = await emitWithAck(socket, event, payload);
      expect({ event, payload, ack }).toMatchObject({
        ack: { ok: false, error: { code: 'VALIDATION_FAILED' } },
      });
    }
    const history = await t
      .http()
      .get(`/api/v1/conversations/${conversationId}/messages`)
      .set(...bearer(alice));
    expect(history.body.items).toEqual([]);
    expect(bobSaw).toEqual([]);
  });

  it('accepts a reply to a message of the same conversation only', async () => {
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    const conversationId = await directConversation(t, alice, bob);
    const other = await directConversation(t, alice, await registerUser(t));
    const elsewhere = await sendText(t, alice, other, 'elsewhere');
    const first = await sendText(t, alice, conversationId, 'first');
    const reply = await sendText(t, bob, conversationId, 'an answer', { replyTo: first.id });
    expect(reply).toMatchObject({ type: 'text', replyTo: first.id, attachments: [] });
    const badReply = await t
      .http()
      .post(`/api/v1/conversations/${conversationId}/messages`)
      .set(...bearer(bob))
      .send({ content: 'x', replyTo: elsewhere.id });
    expect(badReply.status).toBe(400);
    expect(badReply.body.code).toBe('REPLY_TARGET_NOT_FOUND');
  });

  it('stores mentions of members only', async () => {
    const [alice, bob, stranger] = [await registerUser(t), await registerUser(t), await registerUser(t)];
    const conversationId = await directConversation(t, alice, bob);
    const sent = await sendText(t, alice, conversationId, `hey @${bob.id} and @${stranger.id}`);
    expect(sent.mentions).toEqual([bob.id]);

    const edited = await t
      .http()
      .patch(`/api/v1/conversations/${conversationId}/messages/${sent.id}`)
      .set(...bearer(alice))
      .send({ content: `only @${stranger.id} now` });
    expect(edited.status).toBe(200);
    expect(edited.body.mentions).toEqual([]);
  });
});
