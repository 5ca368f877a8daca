import { MongoClient, ObjectId } from 'mongodb';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { auditRecords, registerAdmin, theRecord } from '../support/audit';
import { bearer, RegisteredUser, registerUser } from '../support/builders';
import { eventually } from '../support/eventually';
import { connectTestMongo, createTestApp, testEnv, TestApp, uniqueName } from '../support/test-app';

/** Two instances sharing the database and Redis: a role change made on one holds on the other at once. */
describe('Admin: roles', () => {
  let a: TestApp;
  let b: TestApp;
  let mongo: MongoClient;
  let env: Record<string, string>;

  beforeAll(async () => {
    const prefix = uniqueName('t');
    env = testEnv({ REDIS_KEY_PREFIX: prefix });
    a = await createTestApp({
      DATABASE_NAME: new URL(env.MONGODB_URI).pathname.slice(1),
      REDIS_KEY_PREFIX: prefix,
    });
    b = await createTestApp({ DATABASE_NAME: a.databaseName, REDIS_KEY_PREFIX: prefix });
    mongo = await connectTestMongo();
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await mongo.close();
  });

  const setRole = (app: TestApp, caller: RegisteredUser, targetId: string, body: unknown) =>
    app
      .http()
      .patch(`/api/v1/admin/users/${targetId}`)
      .set(...bearer(caller))
      .send(body as object);
  /** A moderator-or-admin route that changes nothing: re-activating an active account. */
  const moderatorRoute = (app: TestApp, caller: RegisteredUser, targetId: string) =>
    app
      .http()
      .patch(`/api/v1/users/${targetId}/status`)
      .set(...bearer(caller))
      .send({ status: 'active' });
  const roleInDb = async (userId: string) =>
    (
      await mongo
        .db(a.databaseName)
        .collection('users')
        .findOne({ _id: new ObjectId(userId) })
    )?.role;

  it('promotes without a new sign-in and demotes without signing out, at once on the other instance', async () => {
    const admin = await registerAdmin(a, mongo);
    const [user, other] = [await registerUser(a), await registerUser(a)];
    expect((await moderatorRoute(b, user, other.id)).status).toBe(403);

    const promoted = await setRole(a, admin, user.id, { role: 'moderator' });
    expect(promoted.status).toBe(200);
    expect(promoted.body.user).toMatchObject({ id: user.id, role: 'moderator', status: 'active' });
    // The same access token, issued while a member, now passes on the other instance.
    expect((await moderatorRoute(b, user, other.id)).status).toBe(200);

    expect((await setRole(a, admin, user.id, { role: 'member' })).status).toBe(200);
    const refused = await moderatorRoute(b, user, other.id);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('INSUFFICIENT_ROLE');
    const me = await b
      .http()
      .get('/api/v1/users/me')
      .set(...bearer(user));
    expect(me.status).toBe(200);
    expect(me.body.user.role).toBe('member');

    await eventually(async () => {
      const records = await auditRecords(a, admin, { action: 'user.role_changed', targetId: user.id });
      expect(records.map((record) => [record.actorId, record.details])).toEqual([
        [admin.id, { role: 'member', previousRole: 'moderator' }],
        [admin.id, { role: 'moderator', previousRole: 'member' }],
      ]);
    });
  });

  it('refuses members, unknown users and malformed bodies, changing nothing', async () => {
    const admin = await registerAdmin(a, mongo);
    const [member, target] = [await registerUser(a), await registerUser(a)];
    const memberTry = await setRole(b, member, target.id, { role: 'admin' });
    expect(memberTry.status).toBe(403);
    expect(memberTry.body.code).toBe('INSUFFICIENT_ROLE');
    const list = await b
      .http()
      .get('/api/v1/admin/users')
      .set(...bearer(member));
    expect(list.status).toBe(403);
    expect((await setRole(a, admin, new ObjectId().toHexString(), { role: 'moderator' })).status).toBe(404);
    expect((await setRole(a, admin, 'not-an-id', { role: 'moderator' })).status).toBe(400);
    for (const body of [{ role: 'god' }, {}, { role: 'moderator', extra: 1 }]) {
      expect((await setRole(a, admin, target.id, body)).status).toBe(400);
    }
    expect(await roleInDb(target.id)).toBe('member');
  });

  it('lists users by role and by name for admins', async () => {
    const admin = await registerAdmin(a, mongo);
    const user = await registerUser(a, { displayName: uniqueName('Zebra') });
    await setRole(a, admin, user.id, { role: 'moderator' });
    const res = await b
      .http()
      .get('/api/v1/admin/users')
      .query({ role: 'moderator', q: user.displayName })
      .set(...bearer(admin));
    expect(res.status).toBe(200);
    expect(res.body.users).toEqual([expect.objectContaining({ id: user.id, role: 'moderator' })]);
  });

  it('sets a role from the CLI, in effect at once and audited as an operator change', async () => {
    const [user, other] = [await registerUser(a), await registerUser(a)];
    const cli = await promisify(execFile)(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'src/cli.ts', 'set-role', user.email, 'moderator'],
      {
        cwd: resolve(__dirname, '../..'),
        env: { PATH: process.env.PATH ?? '', ...env, LOG_LEVEL: 'silent' },
      },
    );
    expect(cli.stdout).toContain('is now a moderator');
    expect((await moderatorRoute(b, user, other.id)).status).toBe(200);
    const admin = await registerAdmin(a, mongo);
    const record = await theRecord(a, admin, { action: 'user.role_changed', targetId: user.id });
    expect(record).toMatchObject({ actorId: null, details: { role: 'moderator', source: 'cli' } });
  });
});

describe('Admin: the last admin', () => {
  let t: TestApp;
  let mongo: MongoClient;

  beforeAll(async () => {
    t = await createTestApp();
    mongo = await connectTestMongo();
  });
  afterAll(async () => {
    await t.close();
    await mongo.close();
  });

  it('keeps the last admin one (409), and lets them step down once another admin exists', async () => {
    const admin = await registerAdmin(t, mongo);
    const self = () =>
      t
        .http()
        .patch(`/api/v1/admin/users/${admin.id}`)
        .set(...bearer(admin))
        .send({ role: 'member' });
    const refused = await self();
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('LAST_ADMIN');
    const other = await registerUser(t);
    expect(
      (
        await t
          .http()
          .patch(`/api/v1/admin/users/${other.id}`)
          .set(...bearer(admin))
          .send({ role: 'admin' })
      ).status,
    ).toBe(200);
    expect((await self()).status).toBe(200);
  });
});
