import { MongoClient, ObjectId } from 'mongodb';
import { ConversationBansService } from '../../src/conversations/bans/conversation-bans.service';
import { auditRecords, registerAdmin } from '../support/audit';
import { bearer, RegisteredUser, registerUser } from '../support/builders';
import { directConversation, groupConversation } from '../support/chat-builders';
import { eventually } from '../support/eventually';
import { ackData, closeSockets, connectChat, nextEvent, noEvent } from '../support/socket-client';
import { connectTestMongo, createTestInstances, TestApp } from '../support/test-app';

/** Two instances sharing the database and Redis: a ban made on one removes and keeps out on the other. */
describe('Conversation bans', () => {
  let a: TestApp;
  let b: TestApp;
  let mongo: MongoClient;

  beforeAll(async () => {
    [a, b] = await createTestInstances();
    mongo = await connectTestMongo();
  });
  afterEach(() => closeSockets());
  afterAll(async () => {
    await a.close();
    await b.close();
    await mongo.close();
  });

  const as = (app: TestApp, user: RegisteredUser) => ({
    get: (path: string) =>
      app
        .http()
        .get(`/api/v1${path}`)
        .set(...bearer(user)),
    post: (path: string, body: object) =>
      app
        .http()
        .post(`/api/v1${path}`)
        .set(...bearer(user))
        .send(body),
    patch: (path: string, body: object) =>
      app
        .http()
        .patch(`/api/v1${path}`)
        .set(...bearer(user))
        .send(body),
    delete: (path: string) =>
      app
        .http()
        .delete(`/api/v1${path}`)
        .set(...bearer(user)),
  });
  const memberCount = async (owner: RegisteredUser, id: string) =>
    (await as(a, owner).get(`/conversations/${id}`)).body.memberCount as number;

  it('removes the member at once on every instance and keeps them out until unbanned', async () => {
    const admin = await registerAdmin(a, mongo);
    const [owner, member] = [await registerUser(a), await registerUser(a)];
    const id = await groupConversation(a, owner, [member]);
    const [ownerSocket, memberSocket] = [await connectChat(a, owner), await connectChat(b, member)];
    const removed = nextEvent<{ userId: string; removedBy: string }>(memberSocket, 'member_removed');

    const ban = await as(a, owner).post(`/conversations/${id}/bans`, { userId: member.id, reason: 'abuse' });
    expect(ban.status).toBe(201);
    expect(ban.body.ban).toMatchObject({
      conversationId: id,
      userId: member.id,
      bannedBy: owner.id,
      reason: 'abuse',
    });
    expect(await removed).toMatchObject({ userId: member.id, removedBy: owner.id });
    const after = nextEvent(ownerSocket, 'new_message');
    await ackData(ownerSocket, 'send_message', { conversationId: id, content: 'after the ban' });
    await after;
    await noEvent(memberSocket, 'new_message');
    expect((await as(b, member).get(`/conversations/${id}`)).status).toBe(404);

    const readd = await as(b, owner).post(`/conversations/${id}/members`, { userIds: [member.id] });
    expect(readd.status).toBe(409);
    expect(readd.body).toMatchObject({ code: 'USER_BANNED', details: { userIds: [member.id] } });
    expect(await memberCount(owner, id)).toBe(1);
    expect((await as(b, owner).get(`/conversations/${id}/bans`)).body.bans).toEqual([
      expect.objectContaining({ userId: member.id, reason: 'abuse' }),
    ]);

    expect((await as(b, owner).delete(`/conversations/${id}/bans/${member.id}`)).status).toBe(204);
    expect((await as(a, owner).get(`/conversations/${id}/bans`)).body.bans).toEqual([]);
    expect((await as(a, owner).post(`/conversations/${id}/members`, { userIds: [member.id] })).status).toBe(
      200,
    );
    await eventually(async () => {
      const records = await auditRecords(a, admin, { targetId: id });
      expect(records.map((record) => record.action).sort()).toEqual([
        'conversation.member_banned',
        'conversation.member_unbanned',
      ]);
    });
  });

  it('lets group admins ban members only, and refuses everyone else, changing nothing', async () => {
    const [owner, groupAdmin, otherAdmin, member, stranger] = await Promise.all(
      [1, 2, 3, 4, 5].map(() => registerUser(a)),
    );
    const id = await groupConversation(a, owner, [groupAdmin, otherAdmin, member]);
    for (const target of [groupAdmin, otherAdmin]) {
      expect(
        (await as(a, owner).patch(`/conversations/${id}/members/${target.id}`, { role: 'admin' })).status,
      ).toBe(200);
    }
    const ownerBan = await as(b, groupAdmin).post(`/conversations/${id}/bans`, { userId: owner.id });
    expect(ownerBan).toMatchObject({ status: 403, body: { code: 'CANNOT_BAN_OWNER' } });
    const selfBan = await as(b, owner).post(`/conversations/${id}/bans`, { userId: owner.id });
    expect(selfBan).toMatchObject({ status: 403, body: { code: 'CANNOT_BAN_OWNER' } });
    const adminBan = await as(b, groupAdmin).post(`/conversations/${id}/bans`, { userId: otherAdmin.id });
    expect(adminBan).toMatchObject({ status: 403, body: { code: 'CONVERSATION_ACTION_NOT_ALLOWED' } });
    expect((await as(b, member).post(`/conversations/${id}/bans`, { userId: stranger.id })).status).toBe(403);
    expect((await as(b, member).get(`/conversations/${id}/bans`)).status).toBe(403);
    for (const res of [
      await as(b, stranger).post(`/conversations/${id}/bans`, { userId: member.id }),
      await as(b, stranger).get(`/conversations/${id}/bans`),
      await as(b, stranger).delete(`/conversations/${id}/bans/${member.id}`),
      await as(b, owner).post(`/conversations/${new ObjectId().toHexString()}/bans`, { userId: member.id }),
      await as(b, owner).post(`/conversations/${id}/bans`, { userId: new ObjectId().toHexString() }),
      await as(b, owner).delete(`/conversations/${id}/bans/${member.id}`),
    ]) {
      expect(res.status).toBe(404);
    }
    for (const body of [
      {},
      { userId: 'nope' },
      { userId: member.id, extra: true },
      { userId: member.id, reason: '' },
    ]) {
      expect((await as(b, owner).post(`/conversations/${id}/bans`, body)).status).toBe(400);
    }
    const direct = await directConversation(a, owner, member);
    const directBan = await as(a, owner).post(`/conversations/${direct}/bans`, { userId: member.id });
    expect(directBan).toMatchObject({ status: 409, body: { code: 'DIRECT_CONVERSATION_FIXED' } });
    expect(await memberCount(owner, id)).toBe(4);
    expect((await as(a, owner).get(`/conversations/${id}/bans`)).body.bans).toEqual([]);

    expect((await as(b, groupAdmin).post(`/conversations/${id}/bans`, { userId: stranger.id })).status).toBe(
      201,
    );
    expect(await memberCount(owner, id)).toBe(4);
  });

  it('lets a platform moderator ban through the service without a group role, never an owner', async () => {
    const [owner, member] = [await registerUser(a), await registerUser(a)];
    const id = await groupConversation(a, owner, [member]);
    const bans = b.app.get(ConversationBansService);
    await expect(bans.ban(id, null, owner.id, { asModerator: true })).rejects.toMatchObject({
      code: 'CANNOT_BAN_OWNER',
    });
    await expect(
      bans.ban(id, null, member.id, { asModerator: true, reason: 'report' }),
    ).resolves.toMatchObject({
      userId: member.id,
      bannedBy: null,
    });
    expect(await memberCount(owner, id)).toBe(1);
    expect(await bans.list(id, null, { asModerator: true })).toHaveLength(1);
    await bans.unban(id, null, member.id, { asModerator: true });
    expect(await bans.list(id, null, { asModerator: true })).toEqual([]);
  });
});
