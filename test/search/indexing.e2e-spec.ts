import { Db, MongoClient, ObjectId } from 'mongodb';
import { messageTokens } from '../../src/search/text/message-tokens';
import { bearer, RegisteredUser, registerUser } from '../support/builders';
import { directConversation, sendText } from '../support/chat-builders';
import { eventually } from '../support/eventually';
import { recordUpload } from '../support/media-uploads';
import { flushIndex, indexedTokens } from '../support/search-index';
import { connectTestMongo, createTestApp, TestApp } from '../support/test-app';

type Sent = { id: string; seq: number; createdAt: unknown; senderId: string };

describe('Search indexing (live)', () => {
  let t: TestApp;
  let mongo: MongoClient;
  let db: Db;

  beforeAll(async () => {
    t = await createTestApp();
    mongo = await connectTestMongo();
    db = mongo.db(t.databaseName);
  });
  afterAll(async () => {
    await t.close();
    await mongo.close();
  });

  const pair = async (): Promise<[RegisteredUser, RegisteredUser, string]> => {
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    return [alice, bob, await directConversation(t, alice, bob)];
  };
  const pdfUpload = (owner: RegisteredUser, name: string) =>
    recordUpload(
      t,
      owner,
      { public_id: `parley/${new ObjectId().toHexString()}`, resource_type: 'raw', format: 'pdf', bytes: 9 },
      { kind: 'file', mimeType: 'application/pdf', name },
    );
  /** The tokens the message should have, computed as the indexer does from its plaintext. */
  const tokensOf = (conversationId: string, message: Sent, content: string, names: string[] = []) =>
    messageTokens({
      conversationId,
      messageId: message.id,
      senderId: message.senderId,
      createdAt: new Date(String(message.createdAt)),
      content,
      attachments: names.map((name) => ({ name, kind: 'file' })),
    });
  /** Which of `tokens` list the message once the indexer has written what it holds. */
  const indexed = async (conversationId: string, message: Sent, tokens: readonly string[]) => {
    await flushIndex(t);
    return indexedTokens(t, db, conversationId, message, tokens);
  };

  it("indexes a sent message's words, prefixes, sender and attachment under its conversation", async () => {
    const [alice, , conversationId] = await pair();
    const uploadId = await pdfUpload(alice, 'Quarterly-Report.pdf');
    const message = (await sendText(t, alice, conversationId, 'Héllo wonderful world', {
      attachments: [{ uploadId }],
    })) as Sent;
    const tokens = tokensOf(conversationId, message, 'Héllo wonderful world', ['Quarterly-Report.pdf']);
    expect(tokens).toEqual(
      expect.arrayContaining(['w:hello', 'p:hel', 'p:wonde', 'w:quarterly', `f:${alice.id}`, 'h:file']),
    );
    await eventually(async () => expect(await indexed(conversationId, message, tokens)).toEqual(tokens));
    // Scoped per conversation: the same words in another conversation are other postings.
    const [, , elsewhere] = await pair();
    expect(await indexedTokens(t, db, elsewhere, message, tokens)).toEqual([]);
  });

  it('re-indexes an edit: words only the old text had are removed, new ones added, shared ones kept', async () => {
    const [alice, , conversationId] = await pair();
    const message = (await sendText(t, alice, conversationId, 'alpha bravo')) as Sent;
    const before = tokensOf(conversationId, message, 'alpha bravo');
    await eventually(async () => expect(await indexed(conversationId, message, before)).toEqual(before));

    const edit = await t
      .http()
      .patch(`/api/v1/conversations/${conversationId}/messages/${message.id}`)
      .set(...bearer(alice))
      .send({ content: 'bravo charlie' });
    expect(edit.status).toBe(200);
    const after = tokensOf(conversationId, message, 'bravo charlie');
    await eventually(async () => {
      expect(await indexed(conversationId, message, [...before, ...after])).toEqual(
        expect.arrayContaining(after),
      );
      expect(await indexed(conversationId, message, ['w:alpha', 'p:alp'])).toEqual([]);
    });
    expect(await indexed(conversationId, message, ['w:bravo', 'w:charlie', `f:${alice.id}`])).toHaveLength(3);
  });

  it('clears every entry of a deleted message, its attachment names included', async () => {
    const [alice, , conversationId] = await pair();
    const uploadId = await pdfUpload(alice, 'minutes.pdf');
    const message = (await sendText(t, alice, conversationId, 'delete me soon', {
      attachments: [{ uploadId }],
    })) as Sent;
    const tokens = tokensOf(conversationId, message, 'delete me soon', ['minutes.pdf']);
    await eventually(async () => expect(await indexed(conversationId, message, tokens)).toEqual(tokens));

    const removed = await t
      .http()
      .delete(`/api/v1/conversations/${conversationId}/messages/${message.id}`)
      .set(...bearer(alice));
    expect(removed.status).toBe(200);
    await eventually(async () => expect(await indexed(conversationId, message, tokens)).toEqual([]));
  });

  it("clears a deleted account's messages from the index", async () => {
    const [alice, bob, conversationId] = await pair();
    const mine = (await sendText(t, alice, conversationId, 'goodbye everyone')) as Sent;
    const theirs = (await sendText(t, bob, conversationId, 'goodbye alice')) as Sent;
    const myTokens = tokensOf(conversationId, mine, 'goodbye everyone');
    const theirTokens = tokensOf(conversationId, theirs, 'goodbye alice');
    await eventually(async () => expect(await indexed(conversationId, mine, myTokens)).toEqual(myTokens));

    const deletion = await t
      .http()
      .delete('/api/v1/users/me')
      .set(...bearer(alice))
      .send({ password: alice.password });
    expect(deletion.status).toBe(202);
    await eventually(async () => expect(await indexed(conversationId, mine, myTokens)).toEqual([]), 15_000);
    expect(await indexed(conversationId, theirs, theirTokens)).toEqual(theirTokens);
  });

  it('stores no plaintext word of a message in postings, messages or the index state', async () => {
    const [alice, , conversationId] = await pair();
    const uploadId = await pdfUpload(alice, 'xylophonist-itinerary.pdf');
    const message = (await sendText(t, alice, conversationId, 'Quokkaparade zanzibarian 東京タワー', {
      attachments: [{ uploadId }],
    })) as Sent;
    const tokens = tokensOf(conversationId, message, 'Quokkaparade zanzibarian 東京タワー', [
      'xylophonist-itinerary.pdf',
    ]);
    await eventually(async () => expect(await indexed(conversationId, message, tokens)).toEqual(tokens));

    const raw = JSON.stringify(
      await Promise.all(
        ['search_postings', 'messages', 'search_index_state', 'search_index_keys'].map((name) =>
          db.collection(name).find({}).toArray(),
        ),
      ),
    ).toLowerCase();
    for (const plaintext of ['quokka', 'zanzibar', 'xylophon', 'itinerary', '東京', 'タワー']) {
      expect(raw).not.toContain(plaintext);
    }
  });
});
