import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { Collection, MongoClient, ObjectId } from 'mongodb';
import { DeadLetter, QueueName } from '../../src/common/queue/jobs';
import { CLIENT, fromClient } from '../support/audit';
import { registerUser } from '../support/builders';
import { eventually } from '../support/eventually';
import { connectTestMongo, createTestApp, TestApp, uniqueName } from '../support/test-app';

/**
 * A record's write fails here for a real reason: the database refuses it. The test adds a unique index on
 * `requestId` and stores a document under the request id it is about to send, so the app's insert of that
 * request's record hits a duplicate key until the test removes that document.
 */
describe('Audit records whose write fails', () => {
  let t: TestApp;
  let mongo: MongoClient;
  let records: Collection;

  beforeAll(async () => {
    t = await createTestApp({ JOB_ATTEMPTS: '3', JOB_BACKOFF_MS: '300' });
    mongo = await connectTestMongo();
    records = mongo.db(t.databaseName).collection('audit_records');
    await records.createIndex({ requestId: 1 }, { unique: true, name: 'test_refuses_request_id' });
  });
  afterAll(async () => {
    await t.close();
    await mongo.close();
  });

  const queue = (name: QueueName) => t.app.get<Queue>(getQueueToken(name), { strict: false });

  /** Signs a fresh user in under `requestId` while the database refuses that request's record. */
  async function signInRefused(requestId: string) {
    await records.insertOne({ _id: new ObjectId(), requestId, action: 'test.blocker' });
    const user = await registerUser(t);
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .set(fromClient())
      .set('X-Request-Id', requestId)
      .send({ email: user.email, password: user.password });
    return { user, res };
  }

  it('answers the request anyway, retries the write through the queue, and stores the record once it can', async () => {
    const requestId = uniqueName('audit-retry');
    const { user, res } = await signInRefused(requestId);
    expect(res.status).toBe(200);

    await eventually(async () => {
      const jobs = await queue(QueueName.Audit).getJobs(['delayed', 'waiting', 'active']);
      const retry = jobs.find((job) => job.name === 'write-audit-record' && job.data.requestId === requestId);
      expect(retry?.attemptsMade).toBeGreaterThanOrEqual(1);
    });
    expect(await records.countDocuments({ requestId, action: 'auth.sign_in' })).toBe(0);

    await records.deleteOne({ requestId, action: 'test.blocker' });
    await eventually(async () => {
      expect(await records.findOne({ requestId })).toMatchObject({
        action: 'auth.sign_in',
        actorId: new ObjectId(user.id),
        targetId: user.id,
        ip: CLIENT.ip,
        userAgent: CLIENT.userAgent,
        at: expect.any(Date),
      });
    });
    // Its job is gone once done: the payload held the client's address and user agent.
    const stored = await records.findOne({ requestId });
    expect(await queue(QueueName.Audit).getJob(`audit-${String(stored?._id)}`)).toBeUndefined();
  });

  it('moves a record that fails every attempt to the dead-letter queue, without the password', async () => {
    const requestId = uniqueName('audit-dead');
    const { user, res } = await signInRefused(requestId);
    expect(res.status).toBe(200);

    let letter: DeadLetter | undefined;
    await eventually(async () => {
      const letters = await queue(QueueName.DeadLetter).getJobs(['waiting', 'delayed']);
      letter = letters
        .map((job) => job.data as DeadLetter)
        .find((data) => (data.data as { requestId?: string }).requestId === requestId);
      expect(letter).toBeDefined();
    }, 15_000);
    expect(letter).toMatchObject({ queue: 'audit', name: 'write-audit-record', attemptsMade: 3 });
    expect(letter?.failedReason).toMatch(/duplicate key|E11000/i);
    expect(JSON.stringify(letter)).not.toContain(user.password);
    expect(await records.countDocuments({ requestId, action: 'auth.sign_in' })).toBe(0);
  });
});
