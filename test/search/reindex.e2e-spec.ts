import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { Db, MongoClient } from 'mongodb';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { REINDEX_JOB_ID, SearchReindexService } from '../../src/search/indexing/search-reindex.service';
import { messageTokens } from '../../src/search/text/message-tokens';
import { RegisteredUser, registerUser } from '../support/builders';
import { directConversation, sendText } from '../support/chat-builders';
import { eventually } from '../support/eventually';
import { flushIndex, indexedTokens } from '../support/search-index';
import { connectTestMongo, createTestApp, TestApp, testEnv, uniqueName } from '../support/test-app';

type Sent = { id: string; seq: number; createdAt: unknown; senderId: string; conversationId: string };

const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;

describe('Search re-index', () => {
  let mongo: MongoClient;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    mongo = await connectTestMongo();
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });
  afterAll(async () => {
    await mongo.close();
  });

  /** An app on the given database and Redis prefix (a restart when both are reused). */
  const boot = async (env: Record<string, string>): Promise<TestApp> => {
    const app = await createTestApp(env);
    apps.push(app);
    return app;
  };
  const close = async (app: TestApp) => {
    apps.splice(apps.indexOf(app), 1);
    await app.close();
  };
  const stateOf = (db: Db) => db.collection('search_index_state').findOne({ _id: 'messages' as never });
  /** The build the app queued at boot is over (its state recorded, its job gone). */
  const built = async (t: TestApp, db: Db, keyId: string) =>
    eventually(async () => {
      expect((await stateOf(db))?.completed?.keyId).toBe(keyId);
      const queue = t.app.get<Queue>(getQueueToken('search-index'), { strict: false });
      expect(await queue.getJob(REINDEX_JOB_ID)).toBeUndefined();
    }, 20_000);
  const send = async (t: TestApp, sender: RegisteredUser, conversationId: string, content: string) =>
    ({ ...(await sendText(t, sender, conversationId, content)), conversationId }) as Sent;
  const tokensOf = (message: Sent, content: string) =>
    messageTokens({
      conversationId: message.conversationId,
      messageId: message.id,
      senderId: message.senderId,
      createdAt: new Date(String(message.createdAt)),
      content,
      attachments: [],
    });
  const indexed = (t: TestApp, db: Db, message: Sent, tokens: readonly string[], keyIndex = 0) =>
    indexedTokens(t, db, message.conversationId, message, tokens, keyIndex);

  it('indexes at boot the messages stored before the index had a completed build', async () => {
    const env = { DATABASE_NAME: uniqueName('parley_reindex'), REDIS_KEY_PREFIX: uniqueName('t') };
    const db = mongo.db(env.DATABASE_NAME);
    let t = await boot(env);
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    const conversationId = await directConversation(t, alice, bob);
    const first = await send(t, alice, conversationId, 'older news about penguins');
    const second = await send(t, bob, conversationId, 'penguins again');
    await flushIndex(t);
    await close(t);
    // As if the messages predated search: no postings, no build recorded.
    await db.collection('search_postings').deleteMany({});
    await db.collection('search_index_state').deleteMany({});

    t = await boot(env);
    const keyId = (await db.collection('search_index_keys').findOne({}))?._id as unknown as string;
    await built(t, db, keyId);
    expect(await indexed(t, db, first, tokensOf(first, 'older news about penguins'))).toEqual(
      tokensOf(first, 'older news about penguins'),
    );
    expect(await indexed(t, db, second, tokensOf(second, 'penguins again'))).toEqual(
      tokensOf(second, 'penguins again'),
    );
  });

  it('resumes a build from its saved progress', async () => {
    const env = { DATABASE_NAME: uniqueName('parley_reindex'), REDIS_KEY_PREFIX: uniqueName('t') };
    const db = mongo.db(env.DATABASE_NAME);
    const t = await boot(env);
    const [alice, bob, carol] = [await registerUser(t), await registerUser(t), await registerUser(t)];
    const earlier = await directConversation(t, alice, bob);
    const current = await directConversation(t, alice, carol);
    const later = await directConversation(t, bob, carol);
    const skipped = await send(t, alice, earlier, 'in a conversation before the saved one');
    const done = await send(t, alice, current, 'indexed before the crash');
    const rest = await send(t, carol, current, 'after the saved seq');
    const last = await send(t, bob, later, 'in a conversation after it');
    await flushIndex(t);
    const keyId = (await db.collection('search_index_keys').findOne({}))?._id as unknown as string;
    await built(t, db, keyId);
    await db.collection('search_postings').deleteMany({});
    await db.collection('search_index_state').updateOne(
      { _id: 'messages' as never },
      {
        $set: {
          completed: null,
          progress: {
            keyId,
            conversationId: current,
            seq: done.seq,
            conversations: 2,
            messages: 2,
            estimatedConversations: 3,
            startedAt: new Date(),
          },
        },
      },
    );

    expect(await t.app.get(SearchReindexService, { strict: false }).ensureBuilt()).toBe(true);
    await built(t, db, keyId);
    const tokens = (message: Sent, content: string) => indexed(t, db, message, tokensOf(message, content));
    expect(await tokens(skipped, 'in a conversation before the saved one')).toEqual([]);
    expect(await tokens(done, 'indexed before the crash')).toEqual([]);
    expect(await tokens(rest, 'after the saved seq')).toEqual(tokensOf(rest, 'after the saved seq'));
    expect(await tokens(last, 'in a conversation after it')).toEqual(
      tokensOf(last, 'in a conversation after it'),
    );
    expect((await stateOf(db))?.progress).toBeNull();
  });

  it("re-indexes under a new key put first, then deletes the old key's postings", async () => {
    const [k1, k2] = [key('k1'), key('k2')];
    const env = { DATABASE_NAME: uniqueName('parley_reindex'), REDIS_KEY_PREFIX: uniqueName('t') };
    const db = mongo.db(env.DATABASE_NAME);
    let t = await boot({ ...env, SEARCH_INDEX_KEYS: k1 });
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    const conversationId = await directConversation(t, alice, bob);
    const message = await send(t, alice, conversationId, 'rotate the search keys');
    const tokens = tokensOf(message, 'rotate the search keys');
    await built(t, db, 'k1');
    await eventually(async () => {
      await flushIndex(t);
      expect(await indexed(t, db, message, tokens)).toEqual(tokens);
    });
    await close(t);

    t = await boot({ ...env, SEARCH_INDEX_KEYS: `${k2},${k1}` });
    await built(t, db, 'k2');
    expect(await indexed(t, db, message, tokens, 0)).toEqual(tokens);
    expect(await indexed(t, db, message, tokens, 1)).toEqual([]);
    const ids = (
      await db
        .collection('search_postings')
        .find({}, { projection: { _id: 1 } })
        .toArray()
    ).map((row) => String(row._id));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.filter((id) => !id.startsWith('k2.'))).toEqual([]);
  });

  it('rebuilds the index from the command line', async () => {
    const env = { DATABASE_NAME: uniqueName('parley_reindex'), REDIS_KEY_PREFIX: uniqueName('t') };
    const db = mongo.db(env.DATABASE_NAME);
    const t = await boot(env);
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    const conversationId = await directConversation(t, alice, bob);
    const message = await send(t, alice, conversationId, 'lost in a crash');
    const tokens = tokensOf(message, 'lost in a crash');
    await flushIndex(t);
    await db.collection('search_postings').deleteMany({});

    const cli = await promisify(execFile)(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'src/cli.ts', 'search:reindex'],
      {
        cwd: resolve(__dirname, '../..'),
        env: { PATH: process.env.PATH ?? '', ...testEnv(env), LOG_LEVEL: 'silent' },
      },
    );
    expect(cli.stdout).toContain('Search re-index completed');
    expect(await indexed(t, db, message, tokens)).toEqual(tokens);
    // Loading the app's sources into a fresh ts-node process takes most of it (tens of seconds when busy).
  }, 150_000);
});
