import { bearer, RegisteredUser, registerUser, signedIn } from '../support/builders';
import { directConversation, groupConversation, sendText } from '../support/chat-builders';
import { CloudinaryStandIn } from '../support/cloudinary-stand-in';
import { recordUpload, UploadMetadata } from '../support/media-uploads';
import { foundIds, searchMessages } from '../support/search';
import { flushIndex } from '../support/search-index';
import { createTestApp, TestApp } from '../support/test-app';

/** Message search through the real app: what is found, what is hidden, and how pages continue. */
describe('Message search', () => {
  let t: TestApp;
  let cloudinary: CloudinaryStandIn;

  beforeAll(async () => {
    cloudinary = await CloudinaryStandIn.start();
    t = await createTestApp(cloudinary.env());
  });
  afterAll(async () => {
    await t.close();
    await cloudinary.close();
  });

  /** Two users in a direct chat, `alice` having sent each text in order (all indexed). */
  async function chat(...texts: string[]) {
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    const conversationId = await directConversation(t, alice, bob);
    const ids: string[] = [];
    for (const text of texts) {
      ids.push((await sendText(t, alice, conversationId, text)).id);
    }
    await flushIndex(t);
    return { alice, bob, conversationId, ids };
  }
  const find = (user: RegisteredUser, q: string, more: Record<string, string | number> = {}) =>
    foundIds(t, user, { q, ...more });
  const as = (user: RegisteredUser) => signedIn(t, user);

  it('finds a word for both members, with the conversation and what matched', async () => {
    const { alice, bob, conversationId, ids } = await chat('The quick brown fox', 'a lazy dog');
    const res = await searchMessages(t, bob, { q: 'QUICK' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [
        {
          message: expect.objectContaining({
            id: ids[0],
            conversationId,
            senderId: alice.id,
            content: 'The quick brown fox',
          }),
          conversation: { id: conversationId, kind: 'direct', title: null, avatarUrl: null },
          highlights: { content: [[4, 9]], attachments: [] },
        },
      ],
      nextCursor: null,
    });
    expect(await find(alice, 'dog')).toEqual([ids[1]]);
    expect(await find(alice, 'cat')).toEqual([]);
  });

  it('matches whole words unless a prefix is asked for, with * or prefix=true', async () => {
    const { bob, ids } = await chat('running late', 'run now');
    expect(await find(bob, 'runn')).toEqual([]);
    expect(await find(bob, 'runn*')).toEqual([ids[0]]);
    expect(await find(bob, 'run*')).toEqual([ids[1], ids[0]]);
    expect(await find(bob, 'runnin', { prefix: 'true' })).toEqual([ids[0]]);
    // A prefix longer than the indexed 5 characters is confirmed on the decrypted text.
    expect(await find(bob, 'runnix*')).toEqual([]);
    expect(await find(bob, 'run')).toEqual([ids[1]]);
  });

  it('combines terms with AND, and finds quoted phrases only in order', async () => {
    const { bob, ids } = await chat('red apple pie', 'green apple', 'red car', 'pie apple red');
    expect(await find(bob, 'apple red')).toEqual([ids[3], ids[0]]);
    expect(await find(bob, '"red apple"')).toEqual([ids[0]]);
    const [hit] = (await searchMessages(t, bob, { q: '"apple pie"' })).body.items;
    expect(hit.highlights.content).toEqual([[4, 13]]);
  });

  it('folds case and accents, and finds a word inside a run of Chinese or Japanese, and emoji', async () => {
    const { bob, ids } = await chat(
      'Un CAFÉ crème',
      '我们明天去北京大学',
      '東京タワーに行きます',
      'party 🎉 time',
    );
    expect(await find(bob, 'cafe')).toEqual([ids[0]]);
    expect(await find(bob, 'Crème')).toEqual([ids[0]]);
    const [cafe] = (await searchMessages(t, bob, { q: 'café' })).body.items;
    expect(cafe.highlights.content).toEqual([[3, 7]]);
    expect(await find(bob, '北京')).toEqual([ids[1]]);
    expect(await find(bob, '京北')).toEqual([]);
    expect(await find(bob, 'タワー')).toEqual([ids[2]]);
    expect(await find(bob, '🎉')).toEqual([ids[3]]);
  });

  it('filters by sender, time and what a message has (attachments and links)', async () => {
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    const conversationId = await directConversation(t, alice, bob);
    const attach = async (metadata: UploadMetadata, content: string) => {
      const uploadId = await recordUpload(
        t,
        alice,
        {
          public_id: `parley/${metadata.name}`,
          resource_type: metadata.kind === 'image' ? 'image' : 'raw',
          format: 'png',
          bytes: 10,
        },
        metadata,
      );
      return (await sendText(t, alice, conversationId, content, { attachments: [{ uploadId }] })).id;
    };
    const fromAlice = (await sendText(t, alice, conversationId, 'report ready')).id;
    const fromBob = (await sendText(t, bob, conversationId, 'report read')).id;
    const link = (await sendText(t, bob, conversationId, 'report at https://example.test/r')).id;
    const image = await attach({ kind: 'image', mimeType: 'image/png', name: 'report-chart.png' }, 'report');
    const file = await attach({ kind: 'file', mimeType: 'application/pdf', name: 'quarterly.pdf' }, 'report');
    await flushIndex(t);

    expect(await find(bob, 'report')).toEqual([file, image, link, fromBob, fromAlice]);
    expect(await find(bob, 'report', { from: alice.id })).toEqual([file, image, fromAlice]);
    expect(await find(bob, 'report', { has: 'link' })).toEqual([link]);
    expect(await find(bob, 'report', { has: 'attachment' })).toEqual([file, image]);
    expect(await find(bob, 'report', { has: 'image' })).toEqual([image]);
    expect(await find(bob, 'report', { has: 'file' })).toEqual([file]);
    expect(await find(bob, 'report', { has: 'video' })).toEqual([]);
    // Attachment names are searched too, and highlighted by attachment.
    const [named] = (await searchMessages(t, bob, { q: 'quarterly' })).body.items;
    expect(named).toMatchObject({
      message: { id: file },
      highlights: { content: [], attachments: [{ index: 0, ranges: [[0, 9]] }] },
    });
    expect(await find(bob, 'chart')).toEqual([image]);

    const sentAt = async (id: string) =>
      (
        await t
          .http()
          .get(`/api/v1/conversations/${conversationId}/messages/${id}`)
          .set(...bearer(bob))
      ).body.createdAt as string;
    const [linkAt, imageAt] = [await sentAt(link), await sentAt(image)];
    expect(await find(bob, 'report', { before: linkAt })).toEqual([fromBob, fromAlice]);
    expect(await find(bob, 'report', { after: linkAt })).toEqual([file, image]);
    expect(await find(bob, 'report', { after: linkAt, before: imageAt })).toEqual([]);
  });

  it('searches only conversations the caller is in now, newest first across them', async () => {
    const [alice, bob, carol, outsider] = await Promise.all([1, 2, 3, 4].map(() => registerUser(t)));
    const group = await groupConversation(t, alice, [bob, carol]);
    const direct = await directConversation(t, alice, bob);
    const foreign = await directConversation(t, outsider, carol);
    const first = (await sendText(t, alice, group, 'zephyr one')).id;
    const second = (await sendText(t, alice, direct, 'zephyr two')).id;
    const third = (await sendText(t, carol, group, 'zephyr three')).id;
    await sendText(t, outsider, foreign, 'zephyr secret');
    await flushIndex(t);

    expect(await find(bob, 'zephyr')).toEqual([third, second, first]);
    expect(await find(bob, 'zephyr', { conversationId: group })).toEqual([third, first]);
    expect(await find(outsider, 'zephyr')).toHaveLength(1);
    // Someone else's conversation: an empty answer, as for one with no match.
    expect(
      await searchMessages(t, bob, { q: 'zephyr', conversationId: foreign }).then((r) => r.body),
    ).toEqual({
      items: [],
      nextCursor: null,
    });
    expect(await find(carol, 'secret')).toHaveLength(1);
    expect(await find(carol, 'zephyr', { conversationId: group })).toEqual([third, first]);

    expect((await as(carol).delete(`/conversations/${group}/members/${carol.id}`)).status).toBe(204);
    expect(await find(carol, 'zephyr', { conversationId: group })).toEqual([]);
    expect(await find(carol, 'zephyr')).toHaveLength(1);
  });

  it('follows edits and deletes', async () => {
    const { alice, bob, conversationId, ids } = await chat('meet at noon', 'bring snacks');
    const edited = await as(alice).patch(`/conversations/${conversationId}/messages/${ids[0]}`, {
      content: 'meet at dusk',
    });
    expect(edited.status).toBe(200);
    expect((await as(alice).delete(`/conversations/${conversationId}/messages/${ids[1]}`)).status).toBe(200);
    await flushIndex(t);
    expect(await find(bob, 'dusk')).toEqual([ids[0]]);
    expect(await find(bob, 'noon')).toEqual([]);
    expect(await find(bob, 'meet')).toEqual([ids[0]]);
    expect(await find(bob, 'snacks')).toEqual([]);
  });

  it("hides messages of senders the caller blocked, and only from the caller's results", async () => {
    const [alice, bob, carol] = await Promise.all([1, 2, 3].map(() => registerUser(t)));
    const group = await groupConversation(t, alice, [bob, carol]);
    const fromBob = (await sendText(t, bob, group, 'quokka sighting')).id;
    const fromCarol = (await sendText(t, carol, group, 'quokka photo')).id;
    await flushIndex(t);
    expect((await as(alice).put(`/users/me/blocks/${bob.id}`)).status).toBe(204);
    expect(await find(alice, 'quokka')).toEqual([fromCarol]);
    expect(await find(carol, 'quokka')).toEqual([fromCarol, fromBob]);
    expect((await as(alice).delete(`/users/me/blocks/${bob.id}`)).status).toBe(204);
    expect(await find(alice, 'quokka')).toEqual([fromCarol, fromBob]);
  });

  it('pages by cursor without repeats or gaps, and continues after new messages arrive', async () => {
    const texts = Array.from({ length: 7 }, (_, i) => `wombat ${i}`);
    const { alice, bob, conversationId, ids } = await chat(...texts, 'wombats are not wombat-free');
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await searchMessages(t, bob, { q: 'wombat', limit: 3, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((hit: { message: { id: string } }) => hit.message.id));
      cursor = res.body.nextCursor;
      pages += 1;
      if (pages === 1) {
        // Newer messages do not shift the pages already under way.
        await sendText(t, alice, conversationId, 'wombat late');
        await flushIndex(t);
      }
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    expect(pages).toBe(3);
  });
});
