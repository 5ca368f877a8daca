import { createHash } from 'node:crypto';
import { MongoClient, ObjectId } from 'mongodb';
import { auditRecords, registerAdmin, theRecord } from '../support/audit';
import { createApiKey, notifyProgress } from '../support/api-keys';
import { bearer, registerUser, RegisteredUser } from '../support/builders';
import { eventually } from '../support/eventually';
import { registerWithRole } from '../support/moderation';
import { connectTestMongo, createTestInstances, TestApp } from '../support/test-app';

/** A route every `notify:send` key may call: an unknown request is 404 once the key is accepted. */
const probe = (t: TestApp, key: string) => notifyProgress(t, key, new ObjectId().toHexString());

describe('Admin: API keys', () => {
  let a: TestApp;
  let b: TestApp;
  let mongo: MongoClient;
  let admin: RegisteredUser;

  beforeAll(async () => {
    [a, b] = await createTestInstances();
    mongo = await connectTestMongo();
    admin = await registerAdmin(a, mongo);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await mongo.close();
  });

  const db = () => mongo.db(a.databaseName);

  it('shows a new key once, lists it without the key, and stores only its secret hash', async () => {
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const created = await createApiKey(a, admin, { name: 'Billing', expiresAt });
    const match = /^prk_([a-f\d]{24})_([A-Za-z0-9_-]{43})$/.exec(created.key);
    expect(match).not.toBeNull();
    const [, keyId, secret] = match!;
    expect(created).toEqual({
      id: keyId,
      name: 'Billing',
      scopes: ['notify:send'],
      prefix: `prk_${keyId}`,
      key: created.key,
      createdAt: expect.any(String),
      createdBy: admin.id,
      expiresAt,
      lastUsedAt: null,
      revokedAt: null,
    });

    const list = await b
      .http()
      .get('/api/v1/admin/api-keys')
      .set(...bearer(admin));
    expect(list.status).toBe(200);
    const listed = list.body.items.find((item: { id: string }) => item.id === keyId);
    const { key: _shownOnce, ...withoutKey } = created;
    expect(listed).toEqual(withoutKey);
    expect(JSON.stringify(list.body)).not.toContain(secret);

    const stored = await db()
      .collection('api_keys')
      .findOne({ _id: new ObjectId(keyId) });
    expect(stored?.secretHash).toBe(createHash('sha256').update(secret).digest('hex'));
    // Nowhere in the database, audit records included, is the key or its secret.
    await eventually(async () => {
      expect(await auditRecords(a, admin, { action: 'api_key.created', targetId: keyId })).toHaveLength(1);
    });
    for (const { name } of await db().listCollections().toArray()) {
      const documents = JSON.stringify(await db().collection(name).find().toArray());
      expect({ name, holdsSecret: documents.includes(secret) }).toEqual({ name, holdsSecret: false });
      expect(documents.includes(created.key)).toBe(false);
    }
    expect((await probe(b, created.key)).body.code).toBe('NOTIFY_REQUEST_NOT_FOUND');
  });

  it('revokes a key at once on every instance, idempotently, and audits creation and revocation', async () => {
    const created = await createApiKey(a, admin, { name: 'Shipping' });
    expect((await probe(b, created.key)).status).toBe(404);

    const revoke = () =>
      a
        .http()
        .delete(`/api/v1/admin/api-keys/${created.id}`)
        .set(...bearer(admin));
    expect((await revoke()).status).toBe(204);
    const refused = await probe(b, created.key);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('API_KEY_INVALID');
    expect((await revoke()).status).toBe(204);

    const listed = (
      await b
        .http()
        .get('/api/v1/admin/api-keys')
        .set(...bearer(admin))
    ).body.items.find((item: { id: string }) => item.id === created.id);
    expect(listed.revokedAt).toEqual(expect.any(String));

    const creation = await theRecord(a, admin, { action: 'api_key.created', targetId: created.id });
    expect(creation).toMatchObject({
      actorId: admin.id,
      actorRole: 'admin',
      targetType: 'api_key',
      details: { name: 'Shipping', scopes: 'notify:send', expiresAt: null },
    });
    const revocation = await theRecord(a, admin, { action: 'api_key.revoked', targetId: created.id });
    expect(revocation).toMatchObject({ actorId: admin.id, targetType: 'api_key' });
  });

  it('answers 404 for an unknown key and 400 for a malformed id', async () => {
    const unknown = await a
      .http()
      .delete(`/api/v1/admin/api-keys/${new ObjectId().toHexString()}`)
      .set(...bearer(admin));
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('API_KEY_NOT_FOUND');
    const malformed = await a
      .http()
      .delete('/api/v1/admin/api-keys/not-an-id')
      .set(...bearer(admin));
    expect(malformed.status).toBe(400);
  });

  it('refuses members and moderators (403) and anonymous callers (401), creating nothing', async () => {
    const member = await registerUser(a);
    const moderator = await registerWithRole(a, mongo, 'moderator');
    const target = await createApiKey(a, admin);
    const before = await db().collection('api_keys').countDocuments();
    for (const caller of [member, moderator]) {
      const calls = [
        a
          .http()
          .post('/api/v1/admin/api-keys')
          .set(...bearer(caller))
          .send({ name: 'x', scopes: ['notify:send'] }),
        a
          .http()
          .get('/api/v1/admin/api-keys')
          .set(...bearer(caller)),
        a
          .http()
          .delete(`/api/v1/admin/api-keys/${target.id}`)
          .set(...bearer(caller)),
      ];
      for (const res of await Promise.all(calls)) {
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('INSUFFICIENT_ROLE');
      }
    }
    const anonymous = await a
      .http()
      .post('/api/v1/admin/api-keys')
      .send({ name: 'x', scopes: ['notify:send'] });
    expect(anonymous.status).toBe(401);
    // An API key is no admin's token either.
    const withKey = await a.http().get('/api/v1/admin/api-keys').set('Authorization', `Bearer ${target.key}`);
    expect(withKey.status).toBe(401);
    expect(await db().collection('api_keys').countDocuments()).toBe(before);
    expect((await probe(a, target.key)).status).toBe(404);
  });

  it.each([
    ['no name', { scopes: ['notify:send'] }],
    ['an empty name', { name: '  ', scopes: ['notify:send'] }],
    ['a long name', { name: 'x'.repeat(101), scopes: ['notify:send'] }],
    ['no scopes', { name: 'x', scopes: [] }],
    ['an unknown scope', { name: 'x', scopes: ['admin'] }],
    ['a repeated scope', { name: 'x', scopes: ['notify:send', 'notify:send'] }],
    ['an expiry in the past', { name: 'x', scopes: ['notify:send'], expiresAt: '2020-01-01T00:00:00Z' }],
    ['an expiry without offset', { name: 'x', scopes: ['notify:send'], expiresAt: '2999-01-01T00:00:00' }],
    ['an unknown field', { name: 'x', scopes: ['notify:send'], secret: 'mine' }],
  ])('refuses a key with %s (400), creating nothing', async (_what, body) => {
    const before = await db().collection('api_keys').countDocuments();
    const res = await a
      .http()
      .post('/api/v1/admin/api-keys')
      .set(...bearer(admin))
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(await db().collection('api_keys').countDocuments()).toBe(before);
  });

  it('notes when a key was last used, at most once a minute', async () => {
    const created = await createApiKey(a, admin);
    const lastUsedAt = async () =>
      (await db()
        .collection('api_keys')
        .findOne({ _id: new ObjectId(created.id) }))!.lastUsedAt as Date | null;
    expect(await lastUsedAt()).toBeNull();
    await probe(a, created.key);
    let first: Date | null = null;
    await eventually(async () => {
      first = await lastUsedAt();
      expect(first).toBeInstanceOf(Date);
    });
    await probe(b, created.key);
    await probe(a, created.key);
    // Nothing is written within the minute: the value stays the first use's.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await lastUsedAt()).toEqual(first);

    const aMinuteAgo = new Date(Date.now() - 61_000);
    await db()
      .collection('api_keys')
      .updateOne({ _id: new ObjectId(created.id) }, { $set: { lastUsedAt: aMinuteAgo } });
    await probe(b, created.key);
    await eventually(async () =>
      expect((await lastUsedAt())!.getTime()).toBeGreaterThan(aMinuteAgo.getTime()),
    );
  });
});
