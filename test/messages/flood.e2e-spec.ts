import { bearer, RegisteredUser, registerUser } from '../support/builders';
import { directConversation, sendText } from '../support/chat-builders';
import { eventually } from '../support/eventually';
import { closeSockets, connectChat, emitWithAck } from '../support/socket-client';
import { createTestApp, TestApp } from '../support/test-app';

describe('Flood control', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ FLOOD_MAX_CONVERSATIONS: '3', FLOOD_WINDOW_SECONDS: '2' });
  });
  afterEach(() => closeSockets());
  afterAll(() => t.close());

  const post = (sender: RegisteredUser, conversationId: string, content: string) =>
    t
      .http()
      .post(`/api/v1/conversations/${conversationId}/messages`)
      .set(...bearer(sender))
      .send({ content });
  const countIn = async (user: RegisteredUser, conversationId: string) =>
    (
      await t
        .http()
        .get(`/api/v1/conversations/${conversationId}/messages`)
        .set(...bearer(user))
    ).body.items.length;

  it('refuses one message sent to more conversations than allowed within the window, on both transports', async () => {
    const spammer = await registerUser(t);
    const targets = await Promise.all([1, 2, 3, 4, 5].map(() => registerUser(t)));
    const chats = await Promise.all(targets.map((target) => directConversation(t, spammer, target)));

    for (const chat of chats.slice(0, 3)) {
      expect((await post(spammer, chat, 'cheap watches here')).status).toBe(201);
    }
    const refused = await post(spammer, chats[3], 'cheap watches here');
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('FLOOD_DETECTED');
    const socket = await connectChat(t, spammer);
    expect(
      await emitWithAck(socket, 'send_message', { conversationId: chats[4], content: 'cheap watches here' }),
    ).toEqual({ ok: false, error: { code: 'FLOOD_DETECTED', message: expect.any(String) } });
    expect(await countIn(spammer, chats[3])).toBe(0);
    expect(await countIn(spammer, chats[4])).toBe(0);

    // Other text, the same text again where it already went, and other users are not affected.
    expect((await post(spammer, chats[3], 'hello, how are you?')).status).toBe(201);
    expect((await post(spammer, chats[0], 'cheap watches here')).status).toBe(201);
    expect((await sendText(t, targets[3], chats[3], 'cheap watches here')).seq).toBe(2);

    // The window ends and the same text may go out again.
    await eventually(
      async () => expect((await post(spammer, chats[3], 'cheap watches here')).status).toBe(201),
      5000,
      250,
    );
  });
});
