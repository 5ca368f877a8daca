import { MongoClient } from 'mongodb';
import { gzipSync } from 'node:zlib';
import { bearer, registerUser, RegisteredUser } from '../support/builders';
import { directConversation } from '../support/chat-builders';
import { rawRequest } from '../support/raw-http';
import { connectTestMongo, createTestApp, TestApp, uniqueName } from '../support/test-app';

const errorBody = (statusCode: number, code: string) => ({
  statusCode,
  error: expect.any(String),
  code,
  message: expect.any(String),
  requestId: expect.any(String),
});

describe('hostile input gets a documented 4xx or ack error and changes nothing', () => {
  let t: TestApp;
  let mongo: MongoClient;
  const userCount = () => mongo.db(t.databaseName).collection('users').countDocuments();

  beforeAll(async () => {
    t = await createTestApp();
    mongo = await connectTestMongo();
  });
  afterAll(async () => {
    await mongo.close();
    await t.close();
  });

  /** Signs up with a body the server would accept, sent with these headers and bytes. */
  const signUp = (
    headers: Record<string, string>,
    encode: (json: string) => Buffer | string = (json) => json,
  ) =>
    rawRequest(t.url, {
      method: 'POST',
      path: '/api/v1/auth/register',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: encode(
        JSON.stringify({
          email: `${uniqueName('fresh')}@example.test`,
          password: 'correct horse battery staple',
          displayName: 'Fresh',
        }),
      ),
    });

  it('refuses a JSON body declared in a charset it does not read with 415 UNSUPPORTED_CHARSET', async () => {
    await registerUser(t); // the users collection exists, so counting it is meaningful
    const before = await userCount();
    for (const charset of ['latin1', 'utf-42', 'klingon']) {
      const res = await signUp({ 'Content-Type': `application/json; charset=${charset}` });
      expect({ charset, body: res.body }).toEqual({ charset, body: errorBody(415, 'UNSUPPORTED_CHARSET') });
    }
    expect(await userCount()).toBe(before);
  });

  it('refuses an unknown Content-Encoding with 415 UNSUPPORTED_CONTENT_ENCODING', async () => {
    await registerUser(t);
    const before = await userCount();
    const res = await signUp({ 'Content-Encoding': 'x-klingon' });
    expect(res.body).toEqual(errorBody(415, 'UNSUPPORTED_CONTENT_ENCODING'));
    expect(await userCount()).toBe(before);
  });

  it('refuses a corrupt gzip body with 400 MALFORMED_BODY, and still reads a sound one', async () => {
    await registerUser(t);
    const before = await userCount();
    const corrupt = await signUp({ 'Content-Encoding': 'gzip' }, (json) =>
      Buffer.concat([gzipSync(json).subarray(0, 10), Buffer.from('not deflate data at all')]),
    );
    expect(corrupt.body).toEqual(errorBody(400, 'MALFORMED_BODY'));
    expect(await userCount()).toBe(before);
    const sound = await signUp({ 'Content-Encoding': 'gzip' }, (json) => gzipSync(json));
    expect(sound.status).toBe(201);
  });
  it('searches users for a query with a NUL byte without a fault (nothing matches it)', async () => {
    const me = await registerUser(t);
    const res = await t
      .http()
      .get('/api/v1/users/search')
      .query({ q: `a\u0000b` })
      .set(...bearer(me));
    expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: { users: [] } });
  });
  describe('conversation list cursors whose decoded values are out of range', () => {
    let me: RegisteredUser;

    beforeAll(async () => {
      me = await registerUser(t);
      await directConversation(t, me, await registerUser(t));
    });

    const cursorOf = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
    const id = '0123456789abcdef01234567';

    it.each([
      ['a huge timestamp', { t: 1e300, id }],
      ['a timestamp past the last Date', { t: 8.64e15 + 1, id }],
      ['a negative timestamp', { t: -1, id }],
      ['a hugely negative timestamp', { t: -1e300, id }],
      ['a fractional timestamp', { t: 1.5, id }],
    ])('refuses %s with 400 VALIDATION_FAILED naming the cursor', async (_what, key) => {
      const res = await t
        .http()
        .get('/api/v1/conversations')
        .query({ cursor: cursorOf(key) })
        .set(...bearer(me));
      expect(res.body).toEqual({
        ...errorBody(400, 'VALIDATION_FAILED'),
        details: [{ path: 'cursor', message: expect.any(String) }],
      });
    });
  });
});
