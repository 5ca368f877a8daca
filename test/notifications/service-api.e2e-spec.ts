import { MongoClient, ObjectId } from 'mongodb';
import { auditRecords, registerAdmin } from '../support/audit';
import { createApiKey, notify, notifyProgress } from '../support/api-keys';
import { registerUser, RegisteredUser } from '../support/builders';
import { eventually } from '../support/eventually';
import { connectTestMongo, createTestApp, TestApp } from '../support/test-app';

const newId = () => new ObjectId().toHexString();

describe('Service API: keys, requests, idempotency', () => {
  let t: TestApp;
  let mongo: MongoClient;
  let admin: RegisteredUser;
  let key: string;
  let keyId: string;

  beforeAll(async () => {
    t = await createTestApp();
    mongo = await connectTestMongo();
    admin = await registerAdmin(t, mongo);
    ({ key, id: keyId } = await createApiKey(t, admin));
  });
  afterAll(async () => {
    await t.close();
    await mongo.close();
  });

  const requests = () => mongo.db(t.databaseName).collection('notify_requests');
  const apiKeys = () => mongo.db(t.databaseName).collection('api_keys');

  it('refuses every unusable key with one 401, a key without the scope with 403, and stores nothing', async () => {
    const user = await registerUser(t);
    const revoked = await createApiKey(t, admin);
    await t
      .http()
      .delete(`/api/v1/admin/api-keys/${revoked.id}`)
      .set('Authorization', `Bearer ${admin.accessToken}`);
    const expired = await createApiKey(t, admin, { expiresAt: new Date(Date.now() + 60_000).toISOString() });
    await apiKeys().updateOne(
      { _id: new ObjectId(expired.id) },
      { $set: { expiresAt: new Date(Date.now() - 1000) } },
    );
    const secret = key.slice(-43);
    const otherSecret = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    const headers: Array<[string, string | undefined]> = [
      ['no header', undefined],
      ['no key', 'Bearer'],
      ['garbage', 'Bearer garbage'],
      ['basic auth', `Basic ${Buffer.from(`x:${key}`).toString('base64')}`],
      ['a wrong secret', `Bearer prk_${keyId}_${otherSecret}`],
      ['an unknown key id', `Bearer prk_${newId()}_${secret}`],
      ['a revoked key', `Bearer ${revoked.key}`],
      ['an expired key', `Bearer ${expired.key}`],
      ["a user's access token", `Bearer ${user.accessToken}`],
      ["an admin's access token", `Bearer ${admin.accessToken}`],
    ];
    const before = await requests().countDocuments();
    const messages = new Set<string>();
    for (const [what, header] of headers) {
      let send = t.http().post('/api/v1/notify');
      if (header !== undefined) {
        send = send.set('Authorization', header);
      }
      const res = await send.send({ userIds: [user.id], title: 't', body: 'b', idempotencyKey: 'k1' });
      expect({ what, status: res.status, code: res.body.code }).toEqual({
        what,
        status: 401,
        code: 'API_KEY_INVALID',
      });
      messages.add(res.body.message as string);
    }
    expect(messages.size).toBe(1);

    const scopeless = await createApiKey(t, admin);
    await apiKeys().updateOne({ _id: new ObjectId(scopeless.id) }, { $set: { scopes: [] } });
    const forbidden = await notify(t, scopeless.key, { userIds: [user.id] });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('API_KEY_SCOPE');
    expect((await notifyProgress(t, scopeless.key, newId())).status).toBe(403);
    expect(await requests().countDocuments()).toBe(before);
  });

  it('accepts a request, reports unknown and deleted users, and shows progress to its own key only', async () => {
    const [first, second, deleted] = [await registerUser(t), await registerUser(t), await registerUser(t)];
    await mongo
      .db(t.databaseName)
      .collection('users')
      .updateOne({ _id: new ObjectId(deleted.id) }, { $set: { status: 'deleted' } });
    const unknown = newId();
    const res = await notify(t, key, {
      userIds: [first.id, second.id, first.id.toUpperCase(), unknown, deleted.id],
    });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[a-f\d]{24}$/),
      accepted: 2,
      unknownUserIds: [unknown, deleted.id],
    });

    const progress = await notifyProgress(t, key, res.body.id);
    expect(progress.status).toBe(200);
    expect(progress.body).toEqual({
      id: res.body.id,
      status: expect.stringMatching(/^(queued|processing|completed)$/),
      total: 4,
      accepted: 2,
      delivered: expect.any(Number),
      unknownUserIds: [unknown, deleted.id],
      channels: ['in_app', 'push'],
      createdAt: expect.any(String),
      completedAt: progress.body.status === 'completed' ? expect.any(String) : null,
    });

    const other = await createApiKey(t, admin);
    for (const [caller, id] of [
      [other.key, res.body.id],
      [key, newId()],
    ]) {
      const hidden = await notifyProgress(t, caller, id);
      expect(hidden.status).toBe(404);
      expect(hidden.body.code).toBe('NOTIFY_REQUEST_NOT_FOUND');
    }
    expect((await notifyProgress(t, key, 'not-an-id')).status).toBe(400);
  });

  it('completes at once a request that names nobody who exists', async () => {
    const res = await notify(t, key, { userIds: [newId(), newId()] });
    expect(res.status).toBe(202);
    expect(res.body.accepted).toBe(0);
    const progress = await notifyProgress(t, key, res.body.id);
    expect(progress.body).toMatchObject({ status: 'completed', total: 2, accepted: 0, delivered: 0 });
    expect(progress.body.completedAt).toEqual(expect.any(String));
  });

  it('answers a resend with the first answer, whatever the order, and 409 when the body differs', async () => {
    const [first, second] = [await registerUser(t), await registerUser(t)];
    const body = {
      userIds: [first.id, second.id],
      title: 'Build finished',
      body: 'Release 4.2 is out.',
      data: { build: 42, links: { web: 'https://ci.example.test/42' } },
      channels: ['in_app', 'push'],
      idempotencyKey: `release-${newId()}`,
    };
    const sent = await notify(t, key, body);
    expect(sent.status).toBe(202);
    const resent = await notify(t, key, {
      ...body,
      userIds: [second.id, first.id, second.id],
      data: { links: { web: 'https://ci.example.test/42' }, build: 42 },
      channels: ['push', 'in_app'],
    });
    expect(resent.status).toBe(202);
    expect(resent.body).toEqual(sent.body);

    for (const change of [
      { title: 'Build failed' },
      { body: 'Release 4.3 is out.' },
      { userIds: [first.id] },
      { data: { build: 43 } },
      { data: undefined },
      { channels: ['in_app'] },
    ]) {
      const conflict = await notify(t, key, { ...body, ...change });
      expect({ change, status: conflict.status, code: conflict.body.code }).toEqual({
        change,
        status: 409,
        code: 'IDEMPOTENCY_KEY_REUSED',
      });
    }
    // The idempotency key belongs to the API key: another service may use the same one.
    const other = await createApiKey(t, admin);
    const elsewhere = await notify(t, other.key, body);
    expect(elsewhere.status).toBe(202);
    expect(elsewhere.body.id).not.toBe(sent.body.id);
    expect(await requests().countDocuments({ _id: { $in: [new ObjectId(sent.body.id)] } })).toBe(1);
  });

  it('stores one request when the same send races itself', async () => {
    const user = await registerUser(t);
    const body = { userIds: [user.id], idempotencyKey: `race-${newId()}` };
    const answers = await Promise.all(Array.from({ length: 6 }, () => notify(t, key, body)));
    expect(answers.map((res) => res.status)).toEqual(Array(6).fill(202));
    expect(new Set(answers.map((res) => res.body.id)).size).toBe(1);
    expect(await requests().countDocuments({ idempotencyKey: body.idempotencyKey })).toBe(1);
  });

  it('accepts 1000 recipients and refuses 1001', async () => {
    const users = await Promise.all(Array.from({ length: 3 }, () => registerUser(t)));
    const strangers = Array.from({ length: 997 }, newId);
    const accepted = await notify(t, key, { userIds: [...users.map((user) => user.id), ...strangers] });
    expect(accepted.status).toBe(202);
    expect(accepted.body.accepted).toBe(3);
    expect(accepted.body.unknownUserIds).toHaveLength(997);
    const refused = await notify(t, key, {
      userIds: [...users.map((user) => user.id), ...strangers, newId()],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
  });

  const user = newId();
  it.each<[string, Record<string, unknown>]>([
    ['no recipients', { userIds: [] }],
    ['recipients missing', { userIds: undefined }],
    ['a malformed user id', { userIds: [user, 'nope'] }],
    ['an empty title', { userIds: [user], title: '  ' }],
    ['a long title', { userIds: [user], title: 'x'.repeat(201) }],
    ['a control character in the title', { userIds: [user], title: 'a\u0007b' }],
    ['a long body', { userIds: [user], body: 'x'.repeat(2001) }],
    ['no body', { userIds: [user], body: undefined }],
    ['data as an array', { userIds: [user], data: [1, 2] }],
    ['data as a string', { userIds: [user], data: '{}' }],
    ['data over 4 KiB', { userIds: [user], data: { blob: 'x'.repeat(4100) } }],
    ['a data key starting with $', { userIds: [user], data: { $where: 'x' } }],
    ['a dotted data key', { userIds: [user], data: { 'a.b': 1 } }],
    ['nested arrays in data', { userIds: [user], data: { grid: [[1, 2]] } }],
    ['no channels', { userIds: [user], channels: [] }],
    ['an unknown channel', { userIds: [user], channels: ['sms'] }],
    ['a repeated channel', { userIds: [user], channels: ['push', 'push'] }],
    ['email without in_app', { userIds: [user], channels: ['email', 'push'] }],
    ['no idempotency key', { userIds: [user], idempotencyKey: undefined }],
    ['an empty idempotency key', { userIds: [user], idempotencyKey: '' }],
    ['a long idempotency key', { userIds: [user], idempotencyKey: 'k'.repeat(201) }],
    ['an unprintable idempotency key', { userIds: [user], idempotencyKey: 'k\u0000' }],
    ['an unknown field', { userIds: [user], priority: 'high' }],
  ])('refuses %s (400) and stores nothing', async (_what, body) => {
    const before = await requests().countDocuments();
    const res = await notify(t, key, body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(await requests().countDocuments()).toBe(before);
  });

  it('refuses a __proto__ key in data without touching any prototype', async () => {
    const before = await requests().countDocuments();
    const res = await t
      .http()
      .post('/api/v1/notify')
      .set('Authorization', `Bearer ${key}`)
      .set('Content-Type', 'application/json')
      .send(
        `{"userIds":["${newId()}"],"title":"t","body":"b","idempotencyKey":"proto","data":{"__proto__":{"polluted":true}}}`,
      );
    expect(res.status).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await requests().countDocuments()).toBe(before);
  });

  it('records every send as a use of its key, with no user as the actor', async () => {
    const audited = await createApiKey(t, admin, { name: 'Audited service' });
    const recipient = await registerUser(t);
    const body = { userIds: [recipient.id], idempotencyKey: `audit-${newId()}` };
    const sent = await notify(t, audited.key, body);
    await notify(t, audited.key, body);
    await eventually(async () => {
      const records = await auditRecords(t, admin, { action: 'notify.sent', targetId: audited.id });
      expect(records.map((record) => [record.actorId, record.targetType, record.details])).toEqual([
        [null, 'api_key', expect.objectContaining({ notifyRequestId: sent.body.id, resent: true })],
        [
          null,
          'api_key',
          {
            apiKeyName: 'Audited service',
            notifyRequestId: sent.body.id,
            accepted: 1,
            unknown: 0,
            channels: 'in_app push',
            resent: false,
          },
        ],
      ]);
    });
  });
});

describe('Service API: rate limit per key', () => {
  let t: TestApp;
  let mongo: MongoClient;

  beforeAll(async () => {
    t = await createTestApp({ NOTIFY_RATE_LIMIT_PER_MINUTE: '3' });
    mongo = await connectTestMongo();
  });
  afterAll(async () => {
    await t.close();
    await mongo.close();
  });

  it('answers 429 past NOTIFY_RATE_LIMIT_PER_MINUTE sends of one key, and counts each key apart', async () => {
    const admin = await registerAdmin(t, mongo);
    const [busy, quiet] = [await createApiKey(t, admin), await createApiKey(t, admin)];
    const user = await registerUser(t);
    const sends = [];
    for (let n = 0; n < 3; n++) {
      sends.push(await notify(t, busy.key, { userIds: [user.id] }));
    }
    expect(sends.map((res) => res.status)).toEqual([202, 202, 202]);
    const limited = await notify(t, busy.key, { userIds: [user.id] });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({
      statusCode: 429,
      code: 'RATE_LIMITED',
      requestId: expect.any(String),
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another key, and reading progress, are not held back.
    expect((await notify(t, quiet.key, { userIds: [user.id] })).status).toBe(202);
    expect((await notifyProgress(t, busy.key, sends[0].body.id)).status).toBe(200);
  });
});
