import {
  ConversationPointersService,
  DELIVERED_WITH_MESSAGE_MAX_MEMBERS,
} from '../../src/conversations/conversation-pointers.service';
import { ConversationsService } from '../../src/conversations/conversations.service';
import { registerUser, RegisteredUser, signedIn } from '../support/builders';
import { directConversation, groupConversation, sendText } from '../support/chat-builders';
import { ackData, closeSockets, connectChat, nextEvent, noEvent } from '../support/socket-client';
import { createTestApp, TestApp } from '../support/test-app';

describe('Conversations', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ CONVERSATION_MAX_MEMBERS: '4' });
  });
  afterEach(() => closeSockets());
  afterAll(() => t.close());

  const as = (user: RegisteredUser) => signedIn(t, user);

  it('gives two users exactly one direct conversation, even when both open it at once', async () => {
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? as(alice) : as(bob)).post('/conversations/direct', { userId: i % 2 ? bob.id : alice.id }),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    expect(replies[0].body).toMatchObject({
      kind: 'direct',
      memberCount: 2,
      myRole: 'member',
      unreadCount: 0,
    });
    expect((await as(alice).post('/conversations/direct', { userId: alice.id })).status).toBe(400);
    expect(
      (await as(alice).post('/conversations/direct', { userId: '0123456789abcdef01234567' })).status,
    ).toBe(404);
  });

  it('applies group roles: admins add and rename, only owners promote, the last owner cannot leave', async () => {
    const [owner, admin, member, extra] = await Promise.all([1, 2, 3, 4].map(() => registerUser(t)));
    const id = await groupConversation(t, owner, [admin, member]);
    expect(
      (await as(owner).patch(`/conversations/${id}/members/${admin.id}`, { role: 'admin' })).status,
    ).toBe(200);
    expect((await as(member).patch(`/conversations/${id}`, { title: 'mine now' })).status).toBe(403);
    expect((await as(admin).patch(`/conversations/${id}`, { title: 'Renamed' })).body.title).toBe('Renamed');
    expect(
      (await as(admin).patch(`/conversations/${id}/members/${member.id}`, { role: 'owner' })).status,
    ).toBe(403);
    expect((await as(member).post(`/conversations/${id}/members`, { userIds: [extra.id] })).status).toBe(403);
    expect(
      (await as(admin).post(`/conversations/${id}/members`, { userIds: [extra.id] })).body.memberCount,
    ).toBe(4);
    expect((await as(admin).delete(`/conversations/${id}/members/${owner.id}`)).status).toBe(403);
    const leave = await as(owner).delete(`/conversations/${id}/members/${owner.id}`);
    expect(leave.status).toBe(409);
    expect(leave.body.code).toBe('LAST_OWNER_CANNOT_LEAVE');
    expect((await as(admin).delete(`/conversations/${id}/members/${member.id}`)).status).toBe(204);
    expect((await as(member).get(`/conversations/${id}`)).status).toBe(404);
    expect((await as(extra).delete(`/conversations/${id}/members/${extra.id}`)).status).toBe(204);
  });

  it('takes ids in either case as the same ids', async () => {
    const [owner, member, other] = await Promise.all([1, 2, 3].map(() => registerUser(t)));
    const id = await groupConversation(t, owner, [member, other]);
    const upper = id.toUpperCase();
    expect(await sendText(t, member, id, 'first')).toMatchObject({ conversationId: id, seq: 1 });
    expect(await sendText(t, other, upper, 'second')).toMatchObject({ conversationId: id, seq: 2 });
    expect((await as(owner).get(`/conversations/${upper}`)).body.lastMessage.seq).toBe(2);
    expect(
      (await as(owner).delete(`/conversations/${upper}/members/${member.id.toUpperCase()}`)).status,
    ).toBe(204);
    // Removed through the upper-case ids, refused through the lower-case ones.
    const refused = await as(member).post(`/conversations/${id}/messages`, { content: 'still here?' });
    expect(refused.status).toBe(404);
    expect((await as(owner).get(`/conversations/${id}/messages`)).body.items).toHaveLength(2);
  });

  it('enforces the member limit', async () => {
    const users = await Promise.all([1, 2, 3, 4, 5].map(() => registerUser(t)));
    const tooBig = await as(users[0]).post('/conversations/group', {
      name: 'big',
      memberIds: users.slice(1).map((u) => u.id),
    });
    expect(tooBig.status).toBe(409);
    expect(tooBig.body.code).toBe('CONVERSATION_FULL');
    const id = await groupConversation(t, users[0], users.slice(1, 4));
    const full = await as(users[0]).post(`/conversations/${id}/members`, { userIds: [users[4].id] });
    expect(full.body.code).toBe('CONVERSATION_FULL');
  });

  it('hides a conversation from non-members on every route', async () => {
    const [alice, bob, mallory] = await Promise.all([1, 2, 3].map(() => registerUser(t)));
    const id = await groupConversation(t, alice, [bob]);
    const attempts = [
      as(mallory).get(`/conversations/${id}`),
      as(mallory).patch(`/conversations/${id}`, { title: 'x' }),
      as(mallory).patch(`/conversations/${id}/me`, { muted: true }),
      as(mallory).post(`/conversations/${id}/members`, { userIds: [mallory.id] }),
      as(mallory).delete(`/conversations/${id}/members/${bob.id}`),
      as(mallory).delete(`/conversations/${id}/members/${mallory.id}`),
      as(mallory).patch(`/conversations/${id}/members/${bob.id}`, { role: 'admin' }),
      as(mallory).get(`/conversations/${id}/messages`),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('CONVERSATION_NOT_FOUND');
    }
    const missing = await as(mallory).get('/conversations/0123456789abcdef01234567');
    expect(missing.body).toMatchObject({ statusCode: 404, code: 'CONVERSATION_NOT_FOUND' });
  });

  it('lists conversations by last activity with a stable cursor, and mutes', async () => {
    const [me, ...others] = await Promise.all([1, 2, 3, 4].map(() => registerUser(t)));
    const ids: string[] = [];
    for (const other of others) {
      ids.push(await directConversation(t, me, other));
    }
    await sendText(t, others[0], ids[0], 'bump the first one');
    const first = await as(me).get('/conversations?limit=2');
    expect(first.body.items.map((c: { id: string }) => c.id)).toEqual([ids[0], ids[2]]);
    expect(first.body.items[0]).toMatchObject({
      unreadCount: 1,
      lastMessage: { preview: 'bump the first one' },
    });
    const second = await as(me).get(`/conversations?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((c: { id: string }) => c.id)).toEqual([ids[1]]);
    expect(second.body.nextCursor).toBeNull();
    expect((await as(me).get('/conversations?cursor=garbage')).status).toBe(400);
    expect((await as(me).patch(`/conversations/${ids[1]}/me`, { muted: true })).body.muted).toBe(true);
  });

  it('joins live sockets of added members to the room at once and tells everyone', async () => {
    const [owner, member, newcomer] = await Promise.all([1, 2, 3].map(() => registerUser(t)));
    const id = await groupConversation(t, owner, [member]);
    const [ownerSocket, newcomerSocket] = [await connectChat(t, owner), await connectChat(t, newcomer)];
    const added = nextEvent<{ userIds: string[] }>(newcomerSocket, 'member_added');
    await as(owner).post(`/conversations/${id}/members`, { userIds: [newcomer.id] });
    expect((await added).userIds).toEqual([newcomer.id]);
    const received = nextEvent<{ content: string }>(newcomerSocket, 'new_message');
    await ackData(ownerSocket, 'send_message', { conversationId: id, content: 'welcome' });
    expect((await received).content).toBe('welcome');

    const removed = nextEvent(newcomerSocket, 'member_removed');
    await as(owner).delete(`/conversations/${id}/members/${newcomer.id}`);
    await removed;
    const after = nextEvent(ownerSocket, 'new_message');
    await ackData(ownerSocket, 'send_message', { conversationId: id, content: 'after removal' });
    await after;
    await noEvent(newcomerSocket, 'new_message');
  });

  it('lets an owner hand over ownership and then leave; direct conversations keep their two members', async () => {
    const [owner, heir, stranger] = await Promise.all([1, 2, 3].map(() => registerUser(t)));
    const id = await groupConversation(t, owner, [heir]);
    const promoted = await as(owner).patch(`/conversations/${id}/members/${heir.id}`, { role: 'owner' });
    expect(promoted.body).toMatchObject({ userId: heir.id, role: 'owner' });
    expect((await as(owner).delete(`/conversations/${id}/members/${owner.id}`)).status).toBe(204);
    expect((await as(owner).get(`/conversations/${id}`)).status).toBe(404);
    expect((await as(heir).get(`/conversations/${id}`)).body).toMatchObject({
      myRole: 'owner',
      memberCount: 1,
    });

    const direct = await directConversation(t, owner, heir);
    const refused = await Promise.all([
      as(owner).post(`/conversations/${direct}/members`, { userIds: [stranger.id] }),
      as(owner).delete(`/conversations/${direct}/members/${heir.id}`),
      as(owner).delete(`/conversations/${direct}/members/${owner.id}`),
      as(owner).patch(`/conversations/${direct}`, { title: 'ours' }),
    ]);
    for (const res of refused) {
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('DIRECT_CONVERSATION_FIXED');
    }
  });

  it('keeps the member limit and the member count right under concurrent adds of the same users', async () => {
    const [owner, first, ...candidates] = await Promise.all([1, 2, 3, 4, 5].map(() => registerUser(t)));
    const id = await groupConversation(t, owner, [first]);
    const adds = await Promise.all(
      [candidates[0], candidates[0], candidates[1], candidates[1], candidates[2]].map((user) =>
        as(owner).post(`/conversations/${id}/members`, { userIds: [user.id] }),
      ),
    );
    const outcomes = adds.map((res) => (res.status === 200 ? 'ok' : res.body.code));
    expect(outcomes.filter((o) => o !== 'ok' && o !== 'CONVERSATION_FULL')).toEqual([]);
    expect(outcomes).toContain('CONVERSATION_FULL');
    const after = await as(owner).get(`/conversations/${id}`);
    expect(after.body.memberCount).toBe(4);
    expect(after.body.members).toHaveLength(4);
    const accepted = adds.flatMap((res, k) => (res.status === 200 ? [[0, 0, 1, 1, 2][k]] : []));
    const memberIds = after.body.members.map((m: { userId: string }) => m.userId);
    expect(memberIds).toEqual(expect.arrayContaining(accepted.map((k) => candidates[k].id)));
  });

  it('keeps one owner when the two owners leave at the same moment', async () => {
    const [first, second] = await Promise.all([1, 2].map(() => registerUser(t)));
    const id = await groupConversation(t, first, [second]);
    await as(first).patch(`/conversations/${id}/members/${second.id}`, { role: 'owner' });
    const leaves = await Promise.all(
      [first, second].map((user) => as(user).delete(`/conversations/${id}/members/${user.id}`)),
    );
    expect(leaves.map((res) => res.status).sort()).toEqual([204, 409]);
    const stayer = leaves[0].status === 409 ? first : second;
    expect((await as(stayer).get(`/conversations/${id}`)).body).toMatchObject({
      myRole: 'owner',
      memberCount: 1,
    });
  });

  it('tells members over the socket about renames and role changes', async () => {
    const [owner, member] = await Promise.all([1, 2].map(() => registerUser(t)));
    const id = await groupConversation(t, owner, [member]);
    const socket = await connectChat(t, member);
    const renamed = nextEvent<{ conversationId: string; title: string }>(socket, 'conversation_updated');
    await as(owner).patch(`/conversations/${id}`, { title: 'New name' });
    expect(await renamed).toMatchObject({ conversationId: id, title: 'New name', updatedBy: owner.id });
    const promoted = nextEvent(socket, 'conversation_updated');
    await as(owner).patch(`/conversations/${id}/members/${member.id}`, { role: 'admin' });
    expect(await promoted).toMatchObject({
      conversationId: id,
      member: { userId: member.id, role: 'admin' },
    });
  });

  it('stamps a removal so /sync sees that the member list changed', async () => {
    const [owner, member, leaver] = await Promise.all([1, 2, 3].map(() => registerUser(t)));
    const id = await groupConversation(t, owner, [member, leaver]);
    const conversations = t.app.get(ConversationsService);
    const pointers = t.app.get(ConversationPointersService);
    const since = new Date();
    expect(await pointers.pointersChangedSince([id], since)).toEqual([]);
    expect((await as(leaver).delete(`/conversations/${id}/members/${leaver.id}`)).status).toBe(204);
    expect(await pointers.pointersChangedSince([id], since)).toEqual([id]);
    expect(await conversations.memberIds(id)).toEqual([owner.id, member.id]);
  });

  // The sender's pointer is kept on the conversation up to 100 members, on the membership beyond; the
  // recipients' delivered pointers are recorded with the message up to 20 members, by delivery batches beyond.
  it.each([2, 21, 101])(
    'never moves lastSeq or receipt pointers backwards when writes race (%i members)',
    async (memberCount) => {
      const [alice, bob] = await Promise.all([1, 2].map(() => registerUser(t)));
      const id = await directConversation(t, alice, bob);
      const conversations = t.app.get(ConversationsService);
      const positions = t.app.get(ConversationPointersService);
      const seqs = Array.from({ length: 60 }, (_, i) => 60 - i);
      await Promise.all(
        seqs.map((seq) =>
          Promise.all([
            positions.recordMessage(
              id,
              {
                id: '0123456789abcdef01234567',
                seq,
                senderId: alice.id,
                type: 'image',
                preview: '',
                createdAt: new Date(Date.UTC(2030, 0, 1, 0, 0, seq)),
              },
              memberCount,
              memberCount <= DELIVERED_WITH_MESSAGE_MAX_MEMBERS ? [bob.id] : [],
            ),
            memberCount <= DELIVERED_WITH_MESSAGE_MAX_MEMBERS
              ? undefined
              : positions.recordDelivered([bob.id], id, seq),
            positions.advanceRead(id, bob.id, Math.max(1, seq - 5)),
          ]),
        ),
      );
      const view = (await as(bob).get(`/conversations/${id}`)).body;
      expect(view).toMatchObject({ lastSeq: 60, readSeq: 55, unreadCount: 5, lastMessage: { seq: 60 } });
      const pointers = await conversations.members(id);
      expect(pointers.find((m) => m.userId === bob.id)).toMatchObject({ deliveredSeq: 60, readSeq: 55 });
      expect(pointers.find((m) => m.userId === alice.id)).toMatchObject({ readSeq: 60 });
    },
  );

  it('pages through conversations with equal activity times without skipping or repeating one', async () => {
    const [me, ...others] = await Promise.all([1, 2, 3, 4].map(() => registerUser(t)));
    const ids: string[] = [];
    for (const other of others) {
      ids.push(await directConversation(t, me, other));
    }
    const pointers = t.app.get(ConversationPointersService);
    const sameTime = new Date(Date.UTC(2031, 0, 1));
    for (const [i, id] of ids.entries()) {
      await pointers.recordMessage(
        id,
        {
          id: '0123456789abcdef01234567',
          seq: 1,
          senderId: others[i].id,
          type: 'image',
          preview: '',
          createdAt: sameTime,
        },
        2,
      );
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await as(me).get(`/conversations?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.items.map((c: { id: string }) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].sort().reverse());
  });

  it('sets and clears a group avatar', async () => {
    const [owner, member] = await Promise.all([1, 2].map(() => registerUser(t)));
    const id = await groupConversation(t, owner, [member]);
    const set = await as(owner).patch(`/conversations/${id}`, { avatarUrl: 'https://img.example/a.png' });
    expect(set.body.avatarUrl).toBe('https://img.example/a.png');
    expect((await as(owner).patch(`/conversations/${id}`, { avatarUrl: null })).body.avatarUrl).toBeNull();
    expect(
      (await as(owner).patch(`/conversations/${id}`, { avatarUrl: 'http://img.example/a.png' })).status,
    ).toBe(400);
    expect((await as(owner).patch(`/conversations/${id}`, {})).status).toBe(400);
  });

  it('validates bodies, queries and params', async () => {
    const alice = await registerUser(t);
    const cases = [
      as(alice).post('/conversations/direct', { userId: { $ne: null } }),
      as(alice).post('/conversations/group', { memberIds: [] }),
      as(alice).post('/conversations/group', { title: 'x', memberIds: ['nope'] }),
      as(alice).get('/conversations?limit=0'),
      as(alice).get('/conversations/not-an-id'),
      as(alice).patch('/conversations/0123456789abcdef01234567/me', { muted: 'yes' }),
    ];
    for (const res of await Promise.all(cases)) {
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });
});
