import { ObjectId } from 'mongodb';
import { bearer, RegisteredUser, registerUser } from '../support/builders';
import { eventually } from '../support/eventually';
import { connectTestMongo, createTestApp, TestApp, uniqueName } from '../support/test-app';

describe('User search', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const search = async (caller: RegisteredUser, q: string, app: TestApp = t): Promise<string[]> => {
    const res = await app
      .http()
      .get('/api/v1/users/search')
      .query({ q })
      .set(...bearer(caller));
    expect(res.status).toBe(200);
    return res.body.users.map((user: { id: string }) => user.id);
  };

  it('finds others by the start of the words of their name, every query word matching, at most 10', async () => {
    const tag = `zq${Date.now().toString(36)}`;
    const caller = await registerUser(t, { displayName: `${tag} caller` });
    const mr = await registerUser(t, { displayName: `Mr ${tag.toUpperCase()}` });
    for (let i = 0; i < 11; i += 1) {
      await registerUser(t, { displayName: `${tag} bulk ${i}` });
    }

    const byTag = await search(caller, tag);
    expect(byTag).toHaveLength(10);
    expect(byTag).not.toContain(caller.id);
    expect(await search(caller, `mr ${tag.slice(0, 5)}`)).toEqual([mr.id]);
    expect(await search(caller, `${tag.slice(1)}`)).toEqual([]); // inside a word is not a match
    const res = await t
      .http()
      .get('/api/v1/users/search')
      .query({ q: `Mr ${tag}` })
      .set(...bearer(caller));
    expect(res.body.users).toEqual([{ id: mr.id, displayName: mr.displayName, avatarUrl: null }]);
  });

  it('folds case and accents, and follows a renamed user', async () => {
    const tag = `zr${Date.now().toString(36)}`;
    const caller = await registerUser(t);
    const zoe = await registerUser(t, { displayName: `Zoë ${tag}` });
    expect(await search(caller, `ZOE ${tag}`)).toEqual([zoe.id]);

    const renamed = await t
      .http()
      .patch('/api/v1/users/me')
      .set(...bearer(zoe))
      .send({ displayName: `Zora ${tag}` });
    expect(renamed.status).toBe(200);
    expect(await search(caller, `zoe ${tag}`)).toEqual([]);
    expect(await search(caller, `zor ${tag}`)).toEqual([zoe.id]);
  });

  it('finds a user by a whole email address only, never by part of one', async () => {
    const local = uniqueName('mail').toLowerCase();
    const caller = await registerUser(t);
    const target = await registerUser(t, { email: `${local}@corp.example.test`, displayName: 'Unrelated' });

    expect(await search(caller, `${local.toUpperCase()}@corp.example.test`)).toEqual([target.id]);
    for (const part of [local, `${local}@corp`, '@corp.example.test', 'corp.example.test', '.*']) {
      expect(await search(caller, part)).toEqual([]);
    }
    expect(await search(target, `${local}@corp.example.test`)).toEqual([]); // never the caller
  });

  it('is served by the index on name keys, not by a pattern over names or emails', async () => {
    await registerUser(t);
    const mongo = await connectTestMongo();
    try {
      const indexes = await mongo.db(t.databaseName).collection('users').indexes();
      expect(indexes.map((index) => index.key)).toContainEqual({ nameKeys: 1 });
    } finally {
      await mongo.close();
    }
  });

  it('refuses an empty or over-long query with 400', async () => {
    const caller = await registerUser(t);
    for (const q of [undefined, '   ', 'x'.repeat(65)]) {
      const res = await t
        .http()
        .get('/api/v1/users/search')
        .query(q === undefined ? {} : { q })
        .set(...bearer(caller));
      expect(res.status).toBe(400);
    }
  });

  it('makes users stored before name keys existed searchable once an instance boots', async () => {
    const caller = await registerUser(t);
    const name = uniqueName('Legacy');
    const mongo = await connectTestMongo();
    const legacyId = new ObjectId();
    try {
      await mongo
        .db(t.databaseName)
        .collection('users')
        .insertOne({
          _id: legacyId,
          emailKey: `none:${legacyId.toHexString()}`,
          displayName: name,
          emailVerified: false,
          role: 'member',
          status: 'active',
          hideLastSeen: false,
          createdAt: new Date(),
          updatedAt: new Date(),
        });
      expect(await search(caller, name)).toEqual([]);
      const rebooted = await createTestApp({ DATABASE_NAME: t.databaseName });
      try {
        await eventually(async () =>
          expect(await search(caller, name, rebooted)).toEqual([legacyId.toHexString()]),
        );
      } finally {
        await rebooted.close();
      }
    } finally {
      await mongo.close();
    }
  });
});
