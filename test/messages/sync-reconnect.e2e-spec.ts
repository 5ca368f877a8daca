import { bearer, registerUser, RegisteredUser } from '../support/builders';
import { directConversation, groupConversation, sendText } from '../support/chat-builders';
import { closeSockets, connectChat, emitWithAck, nextEvent } from '../support/socket-client';
import { createTestApp, TestApp } from '../support/test-app';

interface Message {
  id: string;
  seq: number;
  conversationId: string;
}

interface SyncBody {
  messages: Message[];
  cursor: string;
  hasMore: boolean;
}

describe('Catch-up after a disconnect', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterEach(() => closeSockets());
  afterAll(() => t.close());

  const sync = async (user: RegisteredUser, since?: string, limit?: number): Promise<SyncBody> => {
    const res = await t
      .http()
      .get('/api/v1/sync')
      .query({ ...(since ? { since } : {}), ...(limit ? { limit } : {}) })
      .set(...bearer(user));
    expect(res.status).toBe(200);
    return res.body as SyncBody;
  };

  /** Follows a sync pass to its end; returns every message in the order the pages gave them. */
  const syncPass = async (user: RegisteredUser, since: string, limit: number) => {
    const pages: Message[][] = [];
    let cursor = since;
    for (let page = 0; page < 20; page += 1) {
      const body = await sync(user, cursor, limit);
      pages.push(body.messages);
      cursor = body.cursor;
      if (!body.hasMore) {
        return { pages, cursor };
      }
    }
    throw new Error('sync pass did not end');
  };

  it('restores everything sent while the device was away, once per pass, and a replayed cursor repeats its page', async () => {
    const [alice, bob, carol] = await Promise.all([registerUser(t), registerUser(t), registerUser(t)]);
    const direct = await directConversation(t, alice, bob);
    const group = await groupConversation(t, carol, [alice, bob]);
    const aliceSocket = await connectChat(t, alice);
    let bobSocket = await connectChat(t, bob);

    const live = nextEvent<Message>(bobSocket, 'new_message');
    await emitWithAck(aliceSocket, 'send_message', { conversationId: direct, content: 'seen live' });
    const seenLive = await live;
    const { cursor } = await sync(bob);
    const offline = nextEvent<{ userId: string }>(aliceSocket, 'user_offline', (e) => e.userId === bob.id);
    bobSocket.disconnect();
    await offline; // the server no longer counts bob's device as online

    const acks = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        emitWithAck<Message>(aliceSocket, 'send_message', {
          conversationId: i % 2 ? direct : group,
          content: `missed ${i}`,
        }),
      ),
    );
    const missed = acks.map((ack) => (ack.ok ? ack.data : null));
    expect(missed).not.toContain(null);
    const lastDirectSeq = Math.max(...missed.filter((m) => m!.conversationId === direct).map((m) => m!.seq));

    const delivered = nextEvent<{ userIds: string[]; upToSeq: number }>(
      aliceSocket,
      'messages_delivered',
      (event) => event.userIds.includes(bob.id) && event.upToSeq === lastDirectSeq,
    );
    bobSocket = await connectChat(t, bob);
    await delivered; // reconnecting moves bob's delivered pointer over everything pending

    const { pages } = await syncPass(bob, cursor, 3);
    const ids = pages.flat().map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length); // nothing doubled within a pass
    const missedIds = missed.map((m) => m!.id);
    expect(ids).toEqual(expect.arrayContaining(missedIds)); // nothing lost
    // Changes younger than the settle window may be repeated across passes (clients key by id), no others.
    expect(ids.filter((id) => !missedIds.includes(id))).toEqual(
      ids.includes(seenLive.id) ? [seenLive.id] : [],
    );

    const replay = await sync(bob, cursor, 3);
    expect(replay.messages.map((m) => m.id)).toEqual(pages[0].map((m) => m.id));
  });

  it('pages through many conversations with a small page, every message exactly once and each conversation in seq order', async () => {
    const bob = await registerUser(t);
    const partners = await Promise.all(Array.from({ length: 13 }, () => registerUser(t)));
    const conversations = await Promise.all(partners.map((partner) => directConversation(t, partner, bob)));
    const { cursor } = await sync(bob);
    const sent: Array<{ id: string }> = [];
    for (let round = 0; round < 3; round += 1) {
      const batch = await Promise.all(
        partners.map((partner, i) => sendText(t, partner, conversations[i], `round ${round}`)),
      );
      sent.push(...batch);
    }

    // 24 fills a page exactly with the first 8 conversations queried together, 4 cuts conversations apart.
    for (const limit of [4, 24]) {
      const { pages } = await syncPass(bob, cursor, limit);
      const received = pages.flat();
      expect(pages.every((page) => page.length <= limit)).toBe(true);
      expect(received.map((m) => m.id).sort()).toEqual(sent.map((m) => m.id).sort());
      for (const conversationId of conversations) {
        const seqs = received.filter((m) => m.conversationId === conversationId).map((m) => m.seq);
        expect(seqs).toEqual([1, 2, 3]);
      }
    }
  });
});
