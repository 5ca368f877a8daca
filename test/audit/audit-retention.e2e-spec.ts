import { MongoClient, ObjectId } from 'mongodb';
import { eventually } from '../support/eventually';
import { connectTestMongo, createTestApp, TestApp } from '../support/test-app';

const DAY_MS = 86_400_000;

describe('Audit retention', () => {
  let t: TestApp;
  let mongo: MongoClient;

  beforeAll(async () => {
    // The default AUDIT_RETENTION_DAYS (10), swept every 200 ms instead of every hour.
    t = await createTestApp({ AUDIT_RETENTION_SWEEP_MS: '200' });
    mongo = await connectTestMongo();
  });
  afterAll(async () => {
    await t.close();
    await mongo.close();
  });

  const record = (ageMs: number, action: string) => ({
    _id: new ObjectId(),
    at: new Date(Date.now() - ageMs),
    actorId: null,
    actorRole: null,
    action,
    targetType: null,
    targetId: null,
    ip: null,
    userAgent: null,
    requestId: null,
    details: {},
  });

  it('deletes records older than the retention period, more than one batch of them, and keeps the rest', async () => {
    const records = mongo.db(t.databaseName).collection('audit_records');
    await records.insertMany([
      ...Array.from({ length: 1200 }, () => record(11 * DAY_MS, 'auth.sign_in')),
      record(9 * DAY_MS, 'auth.sign_out'),
      record(0, 'auth.sign_out_all'),
    ]);
    await eventually(async () => {
      expect(await records.countDocuments({ action: 'auth.sign_in' })).toBe(0);
    }, 20_000);
    expect(await records.countDocuments({ action: { $in: ['auth.sign_out', 'auth.sign_out_all'] } })).toBe(2);
  });
});
