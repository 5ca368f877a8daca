import { bearer, RegisteredUser, registerUser } from '../support/builders';
import { directConversation, groupConversation } from '../support/chat-builders';
import { eventually } from '../support/eventually';
import {
  closeSockets,
  collect,
  connectChat,
  emitWithAck,
  nextEvent,
  noEvent,
} from '../support/socket-client';
import { createTestApp, TestApp } from '../support/test-app';

describe('Blocking', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterEach(() => closeSockets());
  afterAll(() => t.close());

  const block = (user: RegisteredUser, targetId: string) =>
    t
      .http()
      .put(`/api/v1/users/me/blocks/${targetId}`)
      .set(...bearer(user));
  const unblock = (user: RegisteredUser, targetId: string) =>
    t
      .http()
      .delete(`/api/v1/users/me/blocks/${targetId}`)
      .set(...bearer(user));
  const blocksOf = async (user: RegisteredUser) =>
    (
      await t
        .http()
        .get('/api/v1/users/me/blocks')
        .set(...bearer(user))
    ).body;

  it('blocks and unblocks idempotently, listing blocked users newest first', async () => {
    const [alice, bob, carol] = [await registerUser(t), await registerUser(t), await registerUser(t)];
    expect((await block(alice, bob.id)).status).toBe(204);
    expect((await block(alice, carol.id)).status).toBe(204);
    expect((await block(alice, bob.id)).status).toBe(204);

    const listed = await blocksOf(alice);
    expect(listed.blocks.map((entry: { user: { id: string } }) => entry.user.id)).toEqual([carol.id, bob.id]);
    expect(listed.blocks[0]).toEqual({
      user: { id: carol.id, displayName: carol.displayName, avatarUrl: null },
      blockedAt: expect.any(String),
    });
    expect((await blocksOf(bob)).blocks).toEqual([]);

    expect((await unblock(alice, carol.id)).status).toBe(204);
    expect((await unblock(alice, carol.id)).status).toBe(204);
    expect((await blocksOf(alice)).blocks.map((entry: { user: { id: string } }) => entry.user.id)).toEqual([
      bob.id,
    ]);
  });

  it('refuses blocking yourself, unknown users and malformed ids, changing nothing', async () => {
    const alice = await registerUser(t);
    const self = await block(alice, alice.id);
    expect(self.status).toBe(400);
    expect(self.body.code).toBe('CANNOT_BLOCK_SELF');
    const unknown = await block(alice, 'f'.repeat(24));
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('USER_NOT_FOUND');
    expect((await block(alice, 'not-an-id')).status).toBe(400);
    expect((await t.http().put(`/api/v1/users/me/blocks/${alice.id}`)).status).toBe(401);
    expect((await blocksOf(alice)).blocks).toEqual([]);
  });

  it('stops a new direct chat in either direction, keeps an existing one readable, and allows it after unblocking', async () => {
    const [alice, bob, carol] = [await registerUser(t), await registerUser(t), await registerUser(t)];
    const existing = await directConversation(t, alice, carol);
    await block(alice, bob.id);
    await block(alice, carol.id);
    for (const [from, to] of [
      [bob, alice],
      [alice, bob],
    ]) {
      const res = await t
        .http()
        .post('/api/v1/conversations/direct')
        .set(...bearer(from))
        .send({ userId: to.id });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('DIRECT_CONVERSATION_BLOCKED');
    }
    const conversations = await t
      .http()
      .get('/api/v1/conversations')
      .set(...bearer(bob));
    expect(conversations.body.items).toEqual([]);
    const reopened = await t
      .http()
      .post('/api/v1/conversations/direct')
      .set(...bearer(carol))
      .send({ userId: alice.id });
    expect(reopened.status).toBe(200);
    expect(reopened.body.id).toBe(existing);

    await unblock(alice, bob.id);
    expect(await directConversation(t, bob, alice)).toEqual(expect.any(String));
  });

  it("hides the blocker's presence, last seen and typing from the blocked user only", async () => {
    const [alice, bob, carol] = [await registerUser(t), await registerUser(t), await registerUser(t)];
    const conversationId = await groupConversation(t, alice, [bob, carol]);
    await block(alice, bob.id);
    const [bobSocket, carolSocket] = [await connectChat(t, bob), await connectChat(t, carol)];
    const bobSaw = collect<{ userId: string }>(bobSocket, 'user_online');
    const bobTyping = collect<{ userId: string }>(bobSocket, 'user_typing');

    const carolSawOnline = nextEvent(
      carolSocket,
      'user_online',
      (e: { userId: string }) => e.userId === alice.id,
    );
    const aliceSocket = await connectChat(t, alice);
    await carolSawOnline;
    const carolSawTyping = nextEvent(
      carolSocket,
      'user_typing',
      (e: { userId: string }) => e.userId === alice.id,
    );
    expect(await emitWithAck(aliceSocket, 'typing', { conversationId })).toMatchObject({ ok: true });
    await carolSawTyping;
    await noEvent(bobSocket, 'user_typing', 300);
    expect(bobSaw.filter((e) => e.userId === alice.id)).toEqual([]);
    expect(bobTyping.filter((e) => e.userId === alice.id)).toEqual([]);

    const presenceAsked = (viewer: RegisteredUser) =>
      t
        .http()
        .get(`/api/v1/users/${alice.id}/presence`)
        .set(...bearer(viewer));
    expect((await presenceAsked(bob)).body).toEqual({ userId: alice.id, online: false, lastSeenAt: null });
    expect((await presenceAsked(carol)).body).toEqual({ userId: alice.id, online: true, lastSeenAt: null });
    // The blocker still sees the blocked user.
    expect(
      (
        await t
          .http()
          .get(`/api/v1/users/${bob.id}/presence`)
          .set(...bearer(alice))
      ).body,
    ).toMatchObject({
      online: true,
    });

    await unblock(alice, bob.id);
    await eventually(async () => expect((await presenceAsked(bob)).body).toMatchObject({ online: true }));
  });

  it('tells the blocked user, live, that the blocker is offline (a client showing "online" stops)', async () => {
    const [alice, bob, carol] = [await registerUser(t), await registerUser(t), await registerUser(t)];
    await groupConversation(t, alice, [bob, carol]);
    const [bobSocket, carolSocket] = [await connectChat(t, bob), await connectChat(t, carol)];
    const bobSawOnline = nextEvent(
      bobSocket,
      'user_online',
      (e: { userId: string }) => e.userId === alice.id,
    );
    await connectChat(t, alice);
    await bobSawOnline;

    const bobSawOffline = nextEvent(
      bobSocket,
      'user_offline',
      (e: { userId: string }) => e.userId === alice.id,
    );
    const carolSawOffline = collect<{ userId: string }>(carolSocket, 'user_offline');
    expect((await block(alice, bob.id)).status).toBe(204);
    expect(await bobSawOffline).toEqual({ userId: alice.id, lastSeenAt: null });
    // Nobody else is told anything: Alice is still online for Carol.
    await noEvent(carolSocket, 'user_offline', 300);
    expect(carolSawOffline).toEqual([]);
  });
});
