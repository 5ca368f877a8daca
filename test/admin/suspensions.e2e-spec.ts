import { MongoClient, ObjectId } from 'mongodb';
import { auditRecords, registerAdmin } from '../support/audit';
import { bearer, RegisteredUser, registerUser } from '../support/builders';
import { eventually } from '../support/eventually';
import { closeSockets, connectChat, disconnected, nextEvent } from '../support/socket-client';
import {
  connectTestMongo,
  createTestApp,
  createTestInstances,
  TestApp,
  uniqueName,
} from '../support/test-app';

const SECOND_IN_HOURS = 1 / 3600;

/** Two instances sharing the database and Redis; timed suspensions may be as short as a second here. */
describe('Admin: suspensions', () => {
  let a: TestApp;
  let b: TestApp;
  let mongo: MongoClient;
  const prefix = uniqueName('t');

  beforeAll(async () => {
    [a, b] = await createTestInstances({ REDIS_KEY_PREFIX: prefix, SUSPENSION_MIN_SECONDS: '1' });
    mongo = await connectTestMongo();
  });
  afterEach(() => closeSockets());
  afterAll(async () => {
    await a.close();
    await b.close();
    await mongo.close();
  });

  const suspend = (app: TestApp, caller: RegisteredUser, targetId: string, body: unknown) =>
    app
      .http()
      .post(`/api/v1/admin/users/${targetId}/suspend`)
      .set(...bearer(caller))
      .send(body as object);
  const unsuspend = (app: TestApp, caller: RegisteredUser, targetId: string) =>
    app
      .http()
      .delete(`/api/v1/admin/users/${targetId}/suspend`)
      .set(...bearer(caller));
  const login = (app: TestApp, user: RegisteredUser) =>
    app.http().post('/api/v1/auth/login').send({ email: user.email, password: user.password });
  const moderator = async (admin: RegisteredUser): Promise<RegisteredUser> => {
    const user = await registerUser(a);
    const res = await a
      .http()
      .patch(`/api/v1/admin/users/${user.id}`)
      .set(...bearer(admin))
      .send({ role: 'moderator' });
    expect(res.status).toBe(200);
    return user;
  };
  const statusInDb = async (userId: string) =>
    (
      await mongo
        .db(a.databaseName)
        .collection('users')
        .findOne({ _id: new ObjectId(userId) })
    )?.status;

  it('ends sessions and sockets on both instances, refuses sign-in until lifted by hand', async () => {
    const admin = await registerAdmin(a, mongo);
    const mod = await moderator(admin);
    const target = await registerUser(a);
    const sockets = [await connectChat(a, target), await connectChat(b, target)];
    const reasons = sockets.map((socket) => nextEvent<{ code: string }>(socket, 'error'));
    const closed = sockets.map((socket) => disconnected(socket));

    const res = await suspend(a, mod, target.id, { reason: 'spam' });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({
      status: 'suspended',
      suspendedUntil: null,
      suspensionReason: 'spam',
    });
    for (const reason of reasons) {
      expect(['SESSION_REVOKED', 'ACCOUNT_SUSPENDED']).toContain((await reason).code);
    }
    await Promise.all(closed);
    expect(
      (
        await b
          .http()
          .get('/api/v1/users/me')
          .set(...bearer(target))
      ).status,
    ).toBe(401);
    const refused = await login(b, target);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'ACCOUNT_SUSPENDED', details: { until: null } });
    const refresh = await b.http().post('/api/v1/auth/refresh').send({ refreshToken: target.refreshToken });
    expect(refresh.status).not.toBe(200);

    expect((await unsuspend(b, mod, target.id)).status).toBe(200);
    expect((await login(a, target)).status).toBe(200);
    await eventually(async () => {
      const records = await auditRecords(a, admin, { targetId: target.id });
      expect(records.map((record) => record.action)).toEqual(
        expect.arrayContaining(['user.suspended', 'user.unsuspended']),
      );
    });
  });

  it('lifts a timed suspension by itself on time, once, with no actor', async () => {
    const admin = await registerAdmin(a, mongo);
    const target = await registerUser(a);
    const res = await suspend(b, admin, target.id, {
      reason: 'cool down',
      durationHours: 2 * SECOND_IN_HOURS,
    });
    expect(res.status).toBe(201);
    const refused = await login(a, target);
    expect(refused.status).toBe(403);
    expect(refused.body.details.until).toBe(res.body.user.suspendedUntil);
    await eventually(async () => expect((await login(a, target)).status).toBe(200), 10_000, 200);
    await eventually(async () => {
      const records = await auditRecords(a, admin, { action: 'user.unsuspended', targetId: target.id });
      expect(records).toEqual([expect.objectContaining({ actorId: null, details: { source: 'schedule' } })]);
    });
  });

  it('lifts a timed suspension even when the instance that made it has stopped', async () => {
    const admin = await registerAdmin(a, mongo);
    const target = await registerUser(a);
    const c = await createTestApp({
      DATABASE_NAME: a.databaseName,
      REDIS_KEY_PREFIX: prefix,
      SUSPENSION_MIN_SECONDS: '1',
    });
    try {
      expect(
        (await suspend(c, admin, target.id, { reason: 'x', durationHours: 2 * SECOND_IN_HOURS })).status,
      ).toBe(201);
    } finally {
      await c.close();
    }
    expect(await statusInDb(target.id)).toBe('suspended');
    await eventually(async () => expect(await statusInDb(target.id)).toBe('active'), 10_000, 200);
  });

  it('does not let a stale scheduled lift end a later suspension', async () => {
    const admin = await registerAdmin(a, mongo);
    const target = await registerUser(a);
    expect(
      (await suspend(a, admin, target.id, { reason: 'short', durationHours: SECOND_IN_HOURS })).status,
    ).toBe(201);
    expect((await unsuspend(a, admin, target.id)).status).toBe(200);
    expect((await suspend(a, admin, target.id, { reason: 'indefinite' })).status).toBe(201);
    await new Promise((done) => setTimeout(done, 2500));
    expect(await statusInDb(target.id)).toBe('suspended');
    expect((await login(b, target)).body.code).toBe('ACCOUNT_SUSPENDED');
  });

  it('refuses members, moderators acting on staff, short or malformed suspensions and unknown users, changing nothing', async () => {
    const admin = await registerAdmin(a, mongo);
    const [mod, otherMod] = [await moderator(admin), await moderator(admin)];
    const [member, target] = [await registerUser(a), await registerUser(a)];

    const byMember = await suspend(b, member, target.id, { reason: 'x' });
    expect(byMember).toMatchObject({ status: 403, body: { code: 'INSUFFICIENT_ROLE' } });
    for (const staff of [admin, otherMod]) {
      const res = await suspend(b, mod, staff.id, { reason: 'x' });
      expect(res).toMatchObject({ status: 403, body: { code: 'TARGET_ROLE_TOO_HIGH' } });
    }
    const short = await suspend(a, admin, target.id, { reason: 'x', durationHours: 0.1 * SECOND_IN_HOURS });
    expect(short).toMatchObject({ status: 400, body: { code: 'SUSPENSION_TOO_SHORT' } });
    for (const body of [{}, { reason: '' }, { reason: 'x', durationHours: -1 }, { reason: 'x', until: 1 }]) {
      expect((await suspend(a, admin, target.id, body)).status).toBe(400);
    }
    expect((await suspend(a, admin, new ObjectId().toHexString(), { reason: 'x' })).status).toBe(404);
    expect((await unsuspend(a, admin, target.id)).body.code).toBe('USER_NOT_SUSPENDED');
    for (const user of [admin, otherMod, target]) {
      expect(await statusInDb(user.id)).toBe('active');
    }
    expect((await login(a, target)).status).toBe(200);
  });
});
