import { AnyBulkWriteOperation, Collection, Document, MongoClient } from 'mongodb';
import { GroupCommitWriter } from '../../src/common/concurrency/group-commit-writer';
import { KeyedQueue } from '../../src/common/concurrency/keyed-queue';
import { bulkWriteEach } from '../../src/common/database/write-errors';
import { connectTestMongo, uniqueName } from '../support/test-app';

// String `_id`s, as memberships have; the driver's types expect ObjectIds for an untyped collection.
const raiseTo = (_id: string, seq: number): AnyBulkWriteOperation => ({
  updateOne: { filter: { _id } as never, update: { $max: { seq } }, upsert: true },
});

/** Group-committed pointer writes against the real database (FerretDB here, MongoDB in GitHub Actions). */
describe('Group commit of forward-only writes', () => {
  let mongo: MongoClient;
  // Untyped, as Parley's repositories see a collection through Mongoose.
  let counters: Collection<Document>;

  beforeAll(async () => {
    mongo = await connectTestMongo();
    counters = mongo.db(uniqueName('parley_group_commit')).collection('counters');
  });
  afterAll(() => mongo.close());

  it('tells each caller of one bulk write how its own operations fared', async () => {
    await counters.insertOne({ _id: 'taken', seq: 1 } as Document);
    const outcomes = await bulkWriteEach(counters, [
      [raiseTo('a', 3)],
      [{ insertOne: { document: { _id: 'taken', seq: 9 } as Document } }],
      [raiseTo('b', 4), raiseTo('c', 5)],
    ]);
    expect(outcomes.map((outcome) => outcome instanceof Error)).toEqual([false, true, false]);
    const stored = await counters.find({ _id: { $in: ['a', 'taken', 'b', 'c'] } } as Document).toArray();
    expect(Object.fromEntries(stored.map((doc) => [doc._id, doc.seq]))).toEqual({
      a: 3,
      taken: 1,
      b: 4,
      c: 5,
    });
  });

  it('tells callers apart across the commands a large bulk write is split into', async () => {
    await counters.insertOne({ _id: 'taken:late', seq: 1 } as Document);
    const callers = Array.from({ length: 30 }, (_, i) =>
      i === 20
        ? [{ insertOne: { document: { _id: 'taken:late', seq: 9 } as Document } }]
        : [raiseTo(`split:${i}`, i), raiseTo(`split:${i}:b`, i)],
    );
    const outcomes = await bulkWriteEach(counters, callers);
    expect(outcomes.flatMap((outcome, i) => (outcome ? [i] : []))).toEqual([20]);
    expect(await counters.countDocuments({ _id: { $regex: /^split:/ } } as Document)).toBe(58);
  });

  // FerretDB v1 holds a connection per matched statement until the command ends, from 100 per database: one
  // command updating 101 existing documents used to wait for a connection forever and wedge the database.
  it('updates more existing documents at once than the database has connections, and still answers', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => `many:${i}`);
    await counters.insertMany(ids.map((_id): Document => ({ _id, seq: 0 })));
    const outcomes = await bulkWriteEach(
      counters,
      ids.map((id) => [raiseTo(id, 1)]),
    );
    expect(outcomes.every((outcome) => outcome === undefined)).toBe(true);
    expect(await counters.countDocuments({ _id: { $regex: /^many:/ }, seq: 1 } as Document)).toBe(150);
  }, 20_000);

  it('stores the highest value of every key when many callers race, in fewer writes than values', async () => {
    let flushes = 0;
    type Move = { id: string; seq: number };
    const writer = new GroupCommitWriter<Move>(
      new KeyedQueue(),
      (waiting, next) => (next.seq > waiting.seq ? next : waiting),
      (moves) => {
        flushes += 1;
        return bulkWriteEach(
          counters,
          moves.map(({ id, seq }) => [raiseTo(id, seq)]),
        );
      },
    );
    const id = (i: number) => `race:${i % 20}`;
    await Promise.all(Array.from({ length: 200 }, (_, i) => writer.write(id(i), { id: id(i), seq: i })));
    expect(flushes).toBe(1);
    const stored = await counters.find({ _id: { $regex: /^race:/ } } as Document).toArray();
    expect(stored).toHaveLength(20);
    expect(stored.map((doc) => doc.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => 180 + i),
    );
  });
});
