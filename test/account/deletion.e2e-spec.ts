import { Db, MongoClient, ObjectId } from 'mongodb';
import { AccountDeletionService } from '../../src/account/account-deletion.service';
import { auditRecords, registerAdmin } from '../support/audit';
import { bearer, RegisteredUser, registerUser } from '../support/builders';
import { directConversation, groupConversation, sendText } from '../support/chat-builders';
import { eventually } from '../support/eventually';
import { closeSockets, connectChat, disconnected } from '../support/socket-client';
import {
  connectTestMongo,
  createTestApp,
  createTestInstances,
  TestApp,
  uniqueName,
} from '../support/test-app';

/**
 * Where a deleted user's id may still appear, and why (docs/privacy.md): the erased user document itself,
 * their messages' sender (tombstones keep seq and receipts whole), conversations' last-message sender and
 * per-sender seqs, delivered pointers, and the audit log (kept for its retention period).
 */
const ID_MAY_REMAIN_IN = ['users', 'messages', 'conversations', 'delivery_pointers', 'audit_records'];

/** Two instances sharing the database and Redis, as in production. */
describe('Account deletion', () => {
  let a: TestApp;
  let b: TestApp;
  let mongo: MongoClient;
  let db: Db;

  beforeAll(async () => {
    [a, b] = await createTestInstances();
    mongo = await connectTestMongo();
    db = mongo.db(a.databaseName);
  });
  afterEach(() => closeSockets());
  afterAll(async () => {
    await a.close();
    await b.close();
    await mongo.close();
  });

  const deleteAccount = (app: TestApp, user: RegisteredUser, body: object) =>
    app
      .http()
      .delete('/api/v1/users/me')
      .set(...bearer(user))
      .send(body);
  const me = (user: RegisteredUser) =>
    a
      .http()
      .get('/api/v1/users/me')
      .set(...bearer(user));
  const userDoc = (user: RegisteredUser) => db.collection('users').findOne({ _id: new ObjectId(user.id) });
  const deleted = (user: RegisteredUser) =>
    eventually(async () => expect((await userDoc(user))?.status).toBe('deleted'), 15_000);

  /** Every collection's documents, as text, that mention `needle`. */
  const collectionsMentioning = async (needle: string): Promise<string[]> => {
    const found: string[] = [];
    for (const { name } of await db.listCollections().toArray()) {
      const docs = await db.collection(name).find({}).toArray();
      if (docs.some((doc) => JSON.stringify(doc).includes(needle))) {
        found.push(name);
      }
    }
    return found.sort();
  };

  it('refuses a wrong or missing password, changing nothing', async () => {
    const alice = await registerUser(a);
    const wrong = await deleteAccount(a, alice, { password: 'not the password' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.code).toBe('PASSWORD_INCORRECT');
    const missing = await deleteAccount(a, alice, {});
    expect(missing.status).toBe(403);
    expect(missing.body.code).toBe('REAUTH_REQUIRED');
    expect((await deleteAccount(a, alice, { password: alice.password, extra: 1 })).status).toBe(400);
    expect((await me(alice)).body.user).toMatchObject({ email: alice.email, displayName: alice.displayName });
    expect((await userDoc(alice))?.status).toBe('active');
  });

  it('asks an account without a password for a fresh sign-in', async () => {
    const alice = await registerUser(a);
    // A provider-only account: no password hash, signed in an hour ago.
    await db.collection('users').updateOne({ _id: new ObjectId(alice.id) }, { $unset: { passwordHash: '' } });
    await db
      .collection('sessions')
      .updateMany(
        { userId: new ObjectId(alice.id) },
        { $set: { createdAt: new Date(Date.now() - 3_600_000) } },
      );
    const stale = await deleteAccount(a, alice, {});
    expect(stale.status).toBe(403);
    expect(stale.body.code).toBe('REAUTH_REQUIRED');
    expect((await userDoc(alice))?.status).toBe('active');

    const fresh = await a.http().post('/api/v1/auth/refresh').send({ refreshToken: alice.refreshToken });
    expect(fresh.status).toBe(200); // the session is still an hour old: refreshing is no fresh sign-in
    const stillStale = await deleteAccount(a, { ...alice, accessToken: fresh.body.accessToken }, {});
    expect(stillStale.status).toBe(403);

    await db
      .collection('sessions')
      .updateMany({ userId: new ObjectId(alice.id) }, { $set: { createdAt: new Date() } });
    const accepted = await deleteAccount(a, { ...alice, accessToken: fresh.body.accessToken }, {});
    expect(accepted.status).toBe(202);
    await deleted(alice);
  });

  it('ends every session and socket on every instance, hands group ownership on, and leaves no personal data', async () => {
    const [alice, bob, carol] = [await registerUser(a), await registerUser(a), await registerUser(a)];
    const direct = await directConversation(a, alice, bob);
    const group = await groupConversation(a, alice, [bob, carol]);
    // Carol is the admin, so she inherits the group over bob, who joined at the same time.
    const promoted = await a
      .http()
      .patch(`/api/v1/conversations/${group}/members/${carol.id}`)
      .set(...bearer(alice))
      .send({ role: 'admin' });
    expect(promoted.status).toBe(200);
    const mine = await sendText(a, alice, direct, 'alice private words');
    await sendText(a, alice, group, 'alice group words');
    await sendText(b, bob, direct, 'bob private words');
    const react = await b
      .http()
      .put(`/api/v1/conversations/${direct}/messages/${mine.id}/reactions/%F0%9F%91%8D`)
      .set(...bearer(bob));
    expect(react.status).toBeLessThan(300);
    const block = await a
      .http()
      .put(`/api/v1/users/me/blocks/${carol.id}`)
      .set(...bearer(alice));
    expect(block.status).toBe(204);
    const onA = await connectChat(a, alice);
    const onB = await connectChat(b, alice);
    const closedA = disconnected(onA);
    const closedB = disconnected(onB);

    const res = await deleteAccount(a, alice, { password: alice.password });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ deletion: { state: 'deleting' } });
    await Promise.all([closedA, closedB]);
    expect((await me(alice)).status).toBe(401);
    const signIn = () =>
      b.http().post('/api/v1/auth/login').send({ email: alice.email, password: alice.password });
    // Refused while deleting (the account is not active), and once erased (the address is gone).
    expect([401, 403]).toContain((await signIn()).status);
    await deleted(alice);
    expect((await signIn()).status).toBe(401);

    // Others see a deleted account, its messages as tombstones, and the group under its new owner.
    const profile = await b
      .http()
      .get(`/api/v1/users/${alice.id}`)
      .set(...bearer(bob));
    expect(profile.body).toEqual({ id: alice.id, displayName: 'Deleted account', avatarUrl: null });
    const history = await b
      .http()
      .get(`/api/v1/conversations/${direct}/messages`)
      .set(...bearer(bob));
    const items = history.body.items as Array<{
      senderId: string;
      content: string | null;
      deletedAt: unknown;
    }>;
    expect(items.find((m) => m.senderId === alice.id)).toMatchObject({
      content: null,
      deletedAt: expect.any(String),
    });
    expect(items.find((m) => m.senderId === bob.id)?.content).toBe('bob private words');
    const members = await db
      .collection('memberships')
      .find({ conversationId: new ObjectId(group) })
      .toArray();
    expect(members.map((m) => [m.userId.toHexString(), m.role]).sort()).toEqual(
      [
        [bob.id, 'member'],
        [carol.id, 'owner'],
      ].sort(),
    );

    // The raw database: no email, no name, and the id only where the tombstones and the audit log need it.
    expect(await collectionsMentioning(alice.email)).toEqual([]);
    expect(await collectionsMentioning(alice.displayName)).toEqual([]);
    const withId = await collectionsMentioning(alice.id);
    expect(withId.filter((name) => !ID_MAY_REMAIN_IN.includes(name))).toEqual([]);
    const user = await userDoc(alice);
    expect(user).toMatchObject({ displayName: 'Deleted account', emailKey: `deleted:${alice.id}` });
    expect(user).not.toHaveProperty('email');
    expect(user).not.toHaveProperty('passwordHash');
    const aliceMessages = await db
      .collection('messages')
      .find({ senderId: new ObjectId(alice.id) })
      .toArray();
    expect(aliceMessages.map((m) => [m.content, m.attachments, m.mentions])).toEqual([
      [null, [], []],
      [null, [], []],
    ]);

    // The same address may sign up afresh.
    const again = await registerUser(a, { email: alice.email });
    expect(again.id).not.toBe(alice.id);
  });

  it('is audited, and an admin can neither reactivate nor suspend the account once its deletion started', async () => {
    const admin = await registerAdmin(a, mongo);
    const alice = await registerUser(a);
    expect((await deleteAccount(a, alice, { password: alice.password })).status).toBe(202);
    const reactivate = await a
      .http()
      .patch(`/api/v1/users/${alice.id}/status`)
      .set(...bearer(admin))
      .send({ status: 'active' });
    expect(reactivate.status).toBe(404);
    const suspend = await a
      .http()
      .post(`/api/v1/admin/users/${alice.id}/suspend`)
      .set(...bearer(admin))
      .send({ reason: 'too late' });
    expect(suspend.status).toBe(404);
    await deleted(alice);
    await eventually(async () => {
      const actions = (await auditRecords(a, admin, { targetId: alice.id })).map((r) => r.action).sort();
      expect(actions).toEqual(['account.deleted', 'account.deletion_requested']);
    });
  });

  it('resumes a deletion an instance left midway, and a finished deletion runs again harmlessly', async () => {
    const [alice, bob] = [await registerUser(a), await registerUser(a)];
    const group = await groupConversation(a, alice, [bob]);
    await sendText(a, alice, group, 'words to erase');
    // An instance marked the account and died before its job ran; some steps were already done.
    await db
      .collection('users')
      .updateOne(
        { _id: new ObjectId(alice.id) },
        { $set: { status: 'deleting', deletionRequestedAt: new Date() } },
      );
    await db.collection('identities').deleteMany({ userId: new ObjectId(alice.id) });

    // A new instance resumes it at boot.
    const c = await createTestApp({ DATABASE_NAME: a.databaseName, REDIS_KEY_PREFIX: uniqueName('t') });
    try {
      await deleted(alice);
      const owner = await db
        .collection('memberships')
        .findOne({ conversationId: new ObjectId(group), role: 'owner' });
      expect(owner?.userId.toHexString()).toBe(bob.id);
      const before = await db
        .collection('messages')
        .find({ senderId: new ObjectId(alice.id) })
        .toArray();

      // Every step again, on an account already erased (as after a crash just before the last mark).
      await db
        .collection('users')
        .updateOne({ _id: new ObjectId(alice.id) }, { $set: { status: 'deleting' } });
      await c.app.get(AccountDeletionService).run(alice.id);
      await c.app.get(AccountDeletionService).run(alice.id);
      expect((await userDoc(alice))?.status).toBe('deleted');
      const after = await db
        .collection('messages')
        .find({ senderId: new ObjectId(alice.id) })
        .toArray();
      expect(after.map((m) => [m._id, m.content, m.deletedAt])).toEqual(
        before.map((m) => [m._id, m.content, m.deletedAt]),
      );
      expect(await collectionsMentioning(alice.email)).toEqual([]);
    } finally {
      await c.close();
    }
  });
});

describe('Account deletion with ACCOUNT_DELETION_MESSAGES=erase', () => {
  let t: TestApp;
  let mongo: MongoClient;

  beforeAll(async () => {
    t = await createTestApp({ ACCOUNT_DELETION_MESSAGES: 'erase' });
    mongo = await connectTestMongo();
  });
  afterAll(async () => {
    await t.close();
    await mongo.close();
  });

  it('also removes the reactions on the user’s messages and the user’s reactions on everyone’s', async () => {
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    const direct = await directConversation(t, alice, bob);
    const hers = await sendText(t, alice, direct, 'hers');
    const his = await sendText(t, bob, direct, 'his');
    for (const [user, message] of [
      [bob, hers],
      [alice, his],
    ] as const) {
      const res = await t
        .http()
        .put(`/api/v1/conversations/${direct}/messages/${message.id}/reactions/%F0%9F%91%8D`)
        .set(...bearer(user));
      expect(res.status).toBeLessThan(300);
    }
    expect(
      (
        await t
          .http()
          .delete('/api/v1/users/me')
          .set(...bearer(alice))
          .send({ password: alice.password })
      ).status,
    ).toBe(202);
    const messages = mongo.db(t.databaseName).collection('messages');
    await eventually(async () => {
      const [herMessage, hisMessage] = await Promise.all([
        messages.findOne({ _id: new ObjectId(hers.id) }),
        messages.findOne({ _id: new ObjectId(his.id) }),
      ]);
      expect(herMessage).toMatchObject({ content: null, reactions: [] });
      expect(hisMessage?.reactions).toEqual([]);
      expect(hisMessage?.content).not.toBeNull();
    }, 15_000);
  });
});
