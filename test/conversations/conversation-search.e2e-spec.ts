import { bearer, registerUser, RegisteredUser } from '../support/builders';
import { directConversation } from '../support/chat-builders';
import { createTestApp, TestApp, uniqueName } from '../support/test-app';

/** `GET /conversations?q=`: the caller's conversations by title words and other members' names. */
describe('Conversation search', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ SEARCH_MAX_QUERY_CHARS: '40' });
  });
  afterAll(() => t.close());

  const get = (user: RegisteredUser, path: string) =>
    t
      .http()
      .get(`/api/v1${path}`)
      .set(...bearer(user));
  const group = async (owner: RegisteredUser, title: string, members: RegisteredUser[]) => {
    const res = await t
      .http()
      .post('/api/v1/conversations/group')
      .set(...bearer(owner))
      .send({ title, memberIds: members.map((m) => m.id) });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  /** The ids `q` finds for `user`, in list order. */
  const found = async (user: RegisteredUser, q: string) => {
    const res = await get(user, `/conversations?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    return (res.body.items as Array<{ id: string }>).map((item) => item.id);
  };
  /** A display name no other test's user shares, so global matches cannot leak in. */
  const named = (first: string) => registerUser(t, { displayName: `${first} ${uniqueName('Q')}` });

  it('finds groups by the start of each title word, case and accents folded', async () => {
    const me = await registerUser(t);
    const design = await group(me, 'Équipe Design', []);
    await group(me, 'Marketing', []);
    expect(await found(me, 'design')).toEqual([design]);
    expect(await found(me, 'equi DES')).toEqual([design]);
    expect(await found(me, 'équipe')).toEqual([design]);
    expect(await found(me, 'esign')).toEqual([]);
    expect(await found(me, 'design marketing')).toEqual([]);
  });

  it("finds direct chats and groups by another member's name, never by the caller's own", async () => {
    const [me, zoe, other] = [await named('Mireille'), await named('Zoë'), await named('Oscar')];
    const direct = await directConversation(t, me, zoe);
    const team = await group(me, 'Roadmap', [zoe, other]);
    await directConversation(t, me, other);
    expect(await found(me, 'zoe')).toEqual([team, direct]);
    expect(await found(me, 'zo roadm')).toEqual([team]);
    expect(await found(me, 'mireille')).toEqual([]);
    // The name's second word is a unique tag: only the one user has it.
    const tag = zoe.displayName.split(' ')[1];
    expect(await found(other, tag)).toEqual([team]);
  });

  it('follows renames and members leaving', async () => {
    const [me, ana] = [await registerUser(t), await named('Anabela')];
    const id = await group(me, 'Before', [ana]);
    expect(await found(me, 'anab')).toEqual([id]);
    await t
      .http()
      .patch(`/api/v1/conversations/${id}`)
      .set(...bearer(me))
      .send({ title: 'After' })
      .expect(200);
    expect(await found(me, 'after')).toEqual([id]);
    expect(await found(me, 'before')).toEqual([]);
    await t
      .http()
      .delete(`/api/v1/conversations/${id}/members/${ana.id}`)
      .set(...bearer(ana))
      .expect(204);
    expect(await found(me, 'anab')).toEqual([]);
    expect(await found(ana, 'after')).toEqual([]);
  });

  it('never lists a conversation the caller is not in', async () => {
    const [me, outsider, friend] = [await registerUser(t), await registerUser(t), await named('Friedrich')];
    const tag = uniqueName('secret');
    await group(outsider, `Plans ${tag}`, [friend]);
    await directConversation(t, outsider, friend);
    expect(await found(me, tag)).toEqual([]);
    expect(await found(me, 'friedrich')).toEqual([]);
  });

  it('pages the matches with the list cursor, newest activity first, without repeats', async () => {
    const me = await registerUser(t);
    const ids: string[] = [];
    for (const title of ['Orbit one', 'Orbit two', 'Other', 'Orbit three']) {
      ids.push(await group(me, title, []));
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(me, `/conversations?q=orb&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(1);
      expect(res.body.items[0]).toMatchObject({ kind: 'group', myRole: 'owner', memberCount: 1 });
      seen.push(res.body.items[0].id);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([ids[3], ids[1], ids[0]]);
  });

  it('refuses an empty or too long q, and finds nothing by punctuation alone', async () => {
    const me = await registerUser(t);
    await group(me, 'Anything', []);
    for (const q of ['', 'x'.repeat(41), 'ä'.repeat(41)]) {
      const res = await get(me, `/conversations?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [expect.objectContaining({ path: 'q' })],
      });
    }
    expect((await get(me, `/conversations?q=${'x'.repeat(40)}`)).status).toBe(200);
    expect((await get(me, '/conversations?q=a&q=b')).status).toBe(400);
    expect(await found(me, '?!')).toEqual([]);
  });
});
