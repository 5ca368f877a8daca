import { AnyBulkWriteOperation, Collection, Document, MongoClient } from 'mongodb';
import { GroupCommitWriter } from '../../src/common/concurrency/group-commit-writer';
import { KeyedQueue } from '../../src/common/concurrency/keyed-queue';
import { bulkWriteEach } from '../../src/common/database/write-errors';
import { uniqueName } from '../support/test-app';

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
    mongo = await MongoClient.connect(process.env.PARLEY_TEST_MONGODB_URI ?? process.env.MONGODB_URI ?? '');
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
