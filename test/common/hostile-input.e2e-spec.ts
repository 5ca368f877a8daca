import { MongoClient } from 'mongodb';
import { gzipSync } from 'node:zlib';
import WebSocket from 'ws';
import { bearer, registerUser, RegisteredUser } from '../support/builders';
import { directConversation } from '../support/chat-builders';
import { rawRequest } from '../support/raw-http';
import { closeSockets, connectChat, emitWithAck } from '../support/socket-client';
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
  afterEach(() => closeSockets());
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

  describe('socket events whose name is not a string', () => {
    it('acks a numeric event name with UNKNOWN_EVENT and keeps the socket usable', async () => {
      const user = await registerUser(t);
      const socket = await connectChat(t, user);
      const ack = await emitWithAck(socket, 42 as unknown as string, { conversationId: 'x' });
      expect(ack).toEqual({ ok: false, error: { code: 'UNKNOWN_EVENT', message: expect.any(String) } });
      const next = await emitWithAck(socket, 'typing', {});
      expect(next).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    });

    it('acks a raw Socket.IO packet with a numeric event name with UNKNOWN_EVENT', async () => {
      const user = await registerUser(t);
      const raw = await rawChatSocket(t.url, user.accessToken);
      try {
        const ack = await raw.request('42/chat,7[5,{"conversationId":"x"}]', '43/chat,7');
        expect(JSON.parse(ack)).toEqual([
          { ok: false, error: { code: 'UNKNOWN_EVENT', message: expect.any(String) } },
        ]);
        const next = await raw.request('42/chat,8["typing",{}]', '43/chat,8');
        expect(JSON.parse(next)).toMatchObject([{ ok: false, error: { code: 'VALIDATION_FAILED' } }]);
      } finally {
        raw.close();
      }
    });

    it('drops a raw packet whose event name is an object at the Socket.IO parser, before any handler', async () => {
      const user = await registerUser(t);
      const raw = await rawChatSocket(t.url, user.accessToken);
      const answer = await raw.request('42/chat,9[{"a":1},{}]', '43/chat,9').then(
        (ack) => `ack ${ack}`,
        (error: Error) => error.message,
      );
      expect(answer).toBe('closed while waiting for "43/chat,9"');
      expect(await emitWithAck(await connectChat(t, user), 'typing', {})).toMatchObject({ ok: false });
    });
  });
});

interface RawChatSocket {
  /** Sends a raw Socket.IO packet and resolves with the payload of the first frame starting with `prefix`. */
  request(packet: string, prefix: string): Promise<string>;
  close(): void;
}

/** A WebSocket speaking Engine.IO/Socket.IO by hand, connected to `/chat`, to send packets no client would. */
async function rawChatSocket(baseUrl: string, token: string): Promise<RawChatSocket> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
  const waiters: { prefix: string; resolve: (payload: string) => void }[] = [];
  ws.on('message', (data) => {
    const frame = Buffer.from(data as Buffer).toString('utf8');
    if (frame === '2') {
      ws.send('3'); // Engine.IO ping
      return;
    }
    const index = waiters.findIndex((waiter) => frame.startsWith(waiter.prefix));
    if (index >= 0) {
      const [waiter] = waiters.splice(index, 1);
      waiter.resolve(frame.slice(waiter.prefix.length));
    }
  });
  const next = (prefix: string) =>
    new Promise<string>((resolve, reject) => {
      waiters.push({ prefix, resolve });
      ws.once('close', () => reject(new Error(`closed while waiting for "${prefix}"`)));
    });
  const opened = next('0');
  await new Promise((resolve) => ws.once('open', resolve));
  await opened;
  const connected = next('40/chat,');
  ws.send(`40/chat,${JSON.stringify({ token })}`);
  await connected;
  return {
    request: (packet, prefix) => {
      const answer = next(prefix);
      ws.send(packet);
      return answer;
    },
    close: () => ws.close(),
  };
}
