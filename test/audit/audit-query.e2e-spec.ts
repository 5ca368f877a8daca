import { Collection, MongoClient, ObjectId } from 'mongodb';
import { auditRecords, registerAdmin } from '../support/audit';
import { bearer, registerUser, RegisteredUser } from '../support/builders';
import { connectTestMongo, createTestApp, TestApp } from '../support/test-app';

describe('GET /admin/audit', () => {
  let t: TestApp;
  let mongo: MongoClient;
  let records: Collection;
  let admin: RegisteredUser;

  beforeAll(async () => {
    t = await createTestApp();
    mongo = await connectTestMongo();
    records = mongo.db(t.databaseName).collection('audit_records');
    admin = await registerAdmin(t, mongo);
  });
  afterAll(async () => {
    await t.close();
    await mongo.close();
  });

  const get = (query: string, caller?: { accessToken: string }) => {
    const request = t.http().get(`/api/v1/admin/audit${query}`);
    return caller ? request.set(...bearer(caller)) : request;
  };

  /** Stored records as the app writes them, for a subject of the test's own. */
  async function seed(rows: Array<{ at: Date; actorId?: ObjectId; action?: string; targetId?: string }>) {
    const docs = rows.map((row) => ({
      _id: new ObjectId(),
      at: row.at,
      actorId: row.actorId ?? null,
      actorRole: row.actorId ? 'member' : null,
      action: row.action ?? 'auth.sign_in',
      targetType: 'user',
      targetId: row.targetId ?? null,
      ip: '198.51.100.1',
      userAgent: 'seed',
      requestId: null,
      details: {},
    }));
    await records.insertMany(docs);
    return docs.map((doc) => doc._id.toHexString());
  }

  it('answers admins only: 401 without a token, 403 for members and moderators', async () => {
    expect((await get('')).status).toBe(401);
    const member = await registerUser(t);
    const refused = await get('', member);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('INSUFFICIENT_ROLE');
    const moderator = await registerUser(t);
    await mongo
      .db(t.databaseName)
      .collection('users')
      .updateOne({ _id: new ObjectId(moderator.id) }, { $set: { role: 'moderator' } });
    const relogin = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: moderator.email, password: moderator.password });
    expect((await get('', relogin.body)).status).toBe(403);
    expect((await get('', admin)).status).toBe(200);
  });

  it('pages newest first through records sharing a timestamp, each record exactly once', async () => {
    const target = new ObjectId().toHexString();
    const same = new Date('2026-03-01T10:00:00.000Z');
    const ids = await seed([
      { at: new Date('2026-03-01T09:00:00.000Z'), targetId: target },
      ...Array.from({ length: 5 }, () => ({ at: same, targetId: target })),
      { at: new Date('2026-03-01T11:00:00.000Z'), targetId: target },
    ]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(`?targetId=${target}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, admin);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((item: { id: string }) => item.id));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    const tied = ids.slice(1, 6).sort().reverse();
    expect(seen).toEqual([ids[6], ...tied, ids[0]]);
  });

  it('filters by actor, action, target and an inclusive time range, combined', async () => {
    const actor = new ObjectId();
    const target = new ObjectId().toHexString();
    const [early, signOut, late, other] = await seed([
      { at: new Date('2026-04-01T00:00:00.000Z'), actorId: actor, targetId: target },
      { at: new Date('2026-04-02T00:00:00.000Z'), actorId: actor, targetId: target, action: 'auth.sign_out' },
      { at: new Date('2026-04-03T00:00:00.000Z'), actorId: actor },
      { at: new Date('2026-04-02T00:00:00.000Z'), targetId: target },
    ]);
    const ids = async (query: Record<string, string>) =>
      (await auditRecords(t, admin, query)).map((record) => record.id);
    expect(await ids({ actorId: actor.toHexString() })).toEqual([late, signOut, early]);
    // `other` and `signOut` share a time: the larger id comes first.
    expect(await ids({ targetId: target })).toEqual([...[other, signOut].sort().reverse(), early]);
    expect(await ids({ actorId: actor.toHexString(), action: 'auth.sign_out' })).toEqual([signOut]);
    expect(
      await ids({ actorId: actor.toHexString(), from: '2026-04-02T00:00:00Z', to: '2026-04-03T00:00:00Z' }),
    ).toEqual([late, signOut]);
    expect(await ids({ targetId: target, to: '2026-04-01T00:00:00+00:00' })).toEqual([early]);
    expect(await ids({ actorId: actor.toHexString().toUpperCase(), action: 'auth.sign_in' })).toEqual([
      late,
      early,
    ]);
  });

  it('refuses malformed filters and cursors with 400, and records nothing for them', async () => {
    const before = await records.countDocuments();
    const tampered = Buffer.from(JSON.stringify({ t: 1e300, id: 'x' })).toString('base64url');
    for (const query of [
      '?actorId=not-an-id',
      '?targetId=0123',
      '?action=auth.unknown',
      '?action=auth.sign_in&action=auth.sign_out',
      '?from=yesterday',
      '?from=2026-04-02',
      '?from=2026-04-03T00:00:00Z&to=2026-04-02T00:00:00Z',
      '?limit=0',
      '?limit=101',
      '?requestId=abc',
      `?cursor=${tampered}`,
      '?cursor=not-a-cursor',
    ]) {
      const res = await get(query, admin);
      expect({ query, status: res.status, code: res.body.code }).toEqual({
        query,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    expect(await records.countDocuments()).toBe(before);
  });
});
