import { Collection, MongoClient } from 'mongodb';
import { SearchIndexLock } from '../../src/search/postings/conversation-lock';
import { CHUNK, PostingsRepository } from '../../src/search/postings/postings.repository';
import { entryOf } from '../../src/search/text/message-tokens';
import { eventually } from '../support/eventually';
import { connectTestMongo, createTestApp, TestApp } from '../support/test-app';

interface StoredPosting {
  _id: string;
  e: string[];
  s?: Array<{ n: number; min: string; max: string }>;
}

/** Entries of messages created one second apart from a fixed time, oldest first. */
const entries = (count: number, from = 0) =>
  Array.from({ length: count }, (_, index) =>
    entryOf({
      messageId: (from + index).toString(16).padStart(24, '0'),
      createdAt: new Date(Date.UTC(2024, 0, 1) + (from + index) * 1000),
    }),
  );

describe('PostingsRepository (search_postings)', () => {
  let t: TestApp;
  let mongo: MongoClient;
  let postings: PostingsRepository;
  let raw: Collection<StoredPosting>;
  let tokenNo = 0;
  /** A fresh blind-token-looking id under key `k1` (or another key id). */
  const token = (keyId = 'k1') => `${keyId}.tok${String(tokenNo++).padStart(13, '0')}`;
  const add = (id: string, list: string[]) => postings.add(new Map([[id, list]]));
  const remove = (id: string, list: string[]) => postings.remove(new Map([[id, list]]));
  /** Every entry of a posting, head and chunks. */
  const allEntries = async (id: string) => {
    const head = (await postings.heads([id])).get(id);
    const chunks = await Promise.all((head?.s ?? []).map((ref) => postings.chunk(id, ref.n)));
    return [...(head?.e ?? []), ...chunks.flat()].sort();
  };

  beforeAll(async () => {
    t = await createTestApp();
    postings = t.app.get(PostingsRepository);
    mongo = await connectTestMongo();
    raw = mongo.db(t.databaseName).collection<StoredPosting>('search_postings');
  });
  afterAll(async () => {
    await t.close();
    await mongo.close();
  });

  it('adds entries idempotently, creating the head on first use', async () => {
    const id = token();
    const [a, b, c] = entries(3);
    await add(id, [a, b]);
    await add(id, [b, c, c]);
    await postings.add(new Map([[id, [a]]]));
    expect(await raw.findOne({ _id: id })).toEqual({ _id: id, e: [a, b, c] });
    expect((await postings.heads([id])).get(id)).toEqual({ _id: id, e: [a, b, c], s: [] });
  });

  it(`seals a head past ${CHUNK} entries into a sorted chunk with its range, and keeps adding after`, async () => {
    const id = token();
    const first = entries(CHUNK + 1);
    // Added newest first, as a batch might: the chunk is sorted all the same.
    await add(id, first.slice(0, 100).reverse());
    await add(id, first.slice(100));
    const head = await raw.findOne({ _id: id });
    expect(head).toEqual({ _id: id, e: [], s: [{ n: 0, min: first[0], max: first[CHUNK] }] });
    expect(await raw.findOne({ _id: `${id}~0` })).toEqual({ _id: `${id}~0`, e: first });
    expect(await postings.chunk(id, 0)).toEqual(first);

    const second = entries(CHUNK + 1, CHUNK + 1);
    await add(id, second.slice(0, 5));
    expect((await postings.heads([id])).get(id)).toEqual({
      _id: id,
      e: second.slice(0, 5),
      s: [{ n: 0, min: first[0], max: first[CHUNK] }],
    });
    await add(id, second.slice(5));
    expect((await postings.heads([id])).get(id)?.s).toEqual([
      { n: 0, min: first[0], max: first[CHUNK] },
      { n: 1, min: second[0], max: second[CHUNK] },
    ]);
    expect(await postings.chunk(id, 1)).toEqual(second);
    expect(await allEntries(id)).toEqual([...first, ...second]);
  });

  it('does not add again what a sealed chunk holds (re-indexing), but adds new entries within its range', async () => {
    const id = token();
    const list = entries(CHUNK + 1);
    await add(id, list);
    const [late] = entries(1, 10_000);
    const insideRange = entryOf({
      messageId: 'f'.repeat(24),
      createdAt: new Date(Date.UTC(2024, 0, 1) + 5000),
    });
    await add(id, [...list.slice(3, 50), late, insideRange]);
    expect((await postings.heads([id])).get(id)?.e.sort()).toEqual([insideRange, late].sort());
    expect(await allEntries(id)).toEqual([...list, insideRange, late].sort());
  });

  it('removes entries from the head and from the sealed chunks whose range holds them', async () => {
    const id = token();
    const sealed = entries(CHUNK + 1);
    const fresh = entries(3, 1000);
    await add(id, sealed);
    await add(id, fresh);
    expect((await postings.heads([id])).get(id)?.e.sort()).toEqual(fresh);
    const removed = [sealed[0], sealed[64], fresh[1]];
    await remove(id, removed);
    await remove(id, removed); // idempotent
    expect(await allEntries(id)).toEqual(
      [...sealed, ...fresh].filter((entry) => !removed.includes(entry)).sort(),
    );
  });

  it('removes from a chunk sealed earlier and leaves other chunks alone', async () => {
    const id = token();
    const first = entries(CHUNK + 1);
    const second = entries(CHUNK + 1, 500);
    await add(id, first);
    await add(id, second);
    await add(id, entries(2, 2000));
    await remove(id, [first[10], second[20]]);
    expect(await postings.chunk(id, 0)).toEqual(first.filter((_, index) => index !== 10));
    expect(await postings.chunk(id, 1)).toEqual(second.filter((_, index) => index !== 20));
    expect((await postings.heads([id])).get(id)?.e.sort()).toEqual(entries(2, 2000));
  });

  it('deletes a head left empty without chunks; removing from a missing posting is harmless', async () => {
    const id = token();
    const list = entries(2);
    await add(id, list);
    await remove(id, list);
    expect(await raw.findOne({ _id: id })).toBeNull();
    await remove(token(), list);
    await postings.remove(new Map());
    await postings.add(new Map([[token(), []]]));
  });

  it('reads the heads asked for, leaving out missing ones', async () => {
    const [a, b, missing] = [token(), token(), token()];
    await postings.add(
      new Map([
        [a, entries(1)],
        [b, entries(2)],
      ]),
    );
    const heads = await postings.heads([a, missing, b, a]);
    expect([...heads.keys()].sort()).toEqual([a, b].sort());
    expect(heads.get(b)?.e.sort()).toEqual(entries(2));
    expect(await postings.chunk(missing, 0)).toEqual([]);
  });

  it("deletes only one key's postings, heads and chunks, by an _id range", async () => {
    // Ids that sort right around the range's ends: k1-x. before "k1.", k10. and k1x. after "k1/".
    const gone = [token('k9'), token('k9')];
    const kept = [token('k9-x'), token('k90'), token('k9x'), token('k8')];
    await postings.add(new Map([...gone, ...kept].map((id) => [id, entries(2)])));
    await add(gone[0], entries(CHUNK, 10)); // sealed: a chunk under the key
    expect(await raw.countDocuments({ _id: `${gone[0]}~0` })).toBe(1);
    expect(await postings.deleteKey('k9')).toBe(3);
    expect(await raw.countDocuments({ _id: { $in: [...gone, `${gone[0]}~0`] } })).toBe(0);
    expect((await postings.heads(kept)).size).toBe(kept.length);
    expect(await postings.deleteKey('k9')).toBe(0);
    await expect(postings.deleteKey('.*')).rejects.toThrow(/Not a key id/);
  });

  it('serves a head read by _id: the store pushes the filter down (a field filter it does not)', async () => {
    const id = token();
    await add(id, entries(1));
    const explain = (filter: object) => raw.find(filter).explain();
    const headRead = await explain(PostingsRepository.headFilter(id));
    expect(PostingsRepository.headFilter(id)).toEqual({ _id: id });
    const isFerret = 'ferretdbVersion' in (await mongo.db(t.databaseName).admin().command({ buildInfo: 1 }));
    if (isFerret) {
      // FerretDB v1 reports whether it turned the filter into its backend's query instead of scanning.
      expect(headRead).toMatchObject({ filterPushdown: true });
      expect(await explain({ e: entries(1)[0] })).toMatchObject({ filterPushdown: false });
    } else {
      expect(JSON.stringify(headRead.queryPlanner)).toMatch(/IDHACK|EXPRESS_IDHACK|IXSCAN/);
    }
  });

  it('serialises index writes of one conversation across callers, not of different conversations', async () => {
    const lock = t.app.get(SearchIndexLock);
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = lock.run('c1', async () => {
      order.push('first starts');
      await held;
      order.push('first ends');
    });
    await eventually(async () => expect(order).toEqual(['first starts']));
    const second = lock.run('c1', async () => {
      order.push('second');
    });
    await lock.run('c2', async () => {
      order.push('other conversation');
    });
    expect(order).toEqual(['first starts', 'other conversation']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first starts', 'other conversation', 'first ends', 'second']);
  });
});
