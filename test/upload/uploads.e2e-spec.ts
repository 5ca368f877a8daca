import { Collection, MongoClient, ObjectId } from 'mongodb';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { bearer, registerUser, RegisteredUser } from '../support/builders';
import { CloudinaryStandIn } from '../support/cloudinary-stand-in';
import { eventually } from '../support/eventually';
import { executable, png, wav, webm } from '../support/media-files';
import { connectTestMongo, createTestApp, TestApp } from '../support/test-app';

const MAX_BYTES = 64 * 1024;
const UPLOADS_PER_MINUTE = 5;

describe('Uploads through the real Cloudinary SDK', () => {
  let cloudinary: CloudinaryStandIn;
  let t: TestApp;
  let mongo: MongoClient;
  let records: Collection;

  beforeAll(async () => {
    cloudinary = await CloudinaryStandIn.start();
    t = await createTestApp({
      ...cloudinary.env(),
      UPLOAD_MAX_BYTES: String(MAX_BYTES),
      UPLOAD_RATE_LIMIT_PER_MINUTE: String(UPLOADS_PER_MINUTE),
    });
    mongo = await connectTestMongo();
    records = mongo.db(t.databaseName).collection('uploads');
  });

  afterEach(() => cloudinary.fail(undefined));

  afterAll(async () => {
    await t.close();
    await cloudinary.close();
    await mongo.close();
  });

  const upload = (app: TestApp, user: RegisteredUser, file: Buffer, filename: string, contentType: string) =>
    app
      .http()
      .post('/api/v1/uploads')
      .set(...bearer(user))
      .attach('file', file, { filename, contentType });

  const recordsOf = (user: RegisteredUser) => records.find({ owner: new ObjectId(user.id) }).toArray();

  /** An app of its own (other configuration), closed after `use`. */
  async function withApp(env: Record<string, string>, use: (app: TestApp) => Promise<void>): Promise<void> {
    const app = await createTestApp(env);
    try {
      await use(app);
    } finally {
      await app.close();
    }
  }

  it('uploads a PNG and answers the secure URL and real dimensions Cloudinary reported', async () => {
    const user = await registerUser(t);
    const image = png(37, 21);
    const res = await upload(t, user, image, 'holiday.png', 'image/png');
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[a-f\d]{24}$/),
      url: expect.stringMatching(
        /^https:\/\/res\.cloudinary\.com\/parley-stand-in\/image\/upload\/v\d+\/parley\/.+\.png$/,
      ),
      mimeType: 'image/png',
      size: image.length,
      name: 'holiday.png',
      width: 37,
      height: 21,
      kind: 'image',
    });
    const [call] = cloudinary.uploadsOf(image);
    expect(call).toMatchObject({ resourceType: 'auto', signatureValid: true, params: { folder: 'parley' } });
    expect(call.params.public_id).toMatch(/^[\da-f-]{36}$/);
    expect(await recordsOf(user)).toEqual([
      expect.objectContaining({
        _id: new ObjectId(res.body.id),
        publicId: `parley/${call.params.public_id}`,
        resourceType: 'image',
        url: res.body.url,
        bytes: image.length,
        createdAt: expect.any(Date),
      }),
    ]);
  });

  it('reports the duration Cloudinary measured for audio', async () => {
    const sender = await registerUser(t);
    const res = await upload(t, sender, wav(1500), 'voice note.wav', 'audio/wav');
    expect(res.body).toMatchObject({ mimeType: 'audio/wav', durationMs: 1500, kind: 'audio' });
  });

  it('takes a recorded WebM voice note as audio/webm', async () => {
    const sender = await registerUser(t);
    const res = await upload(t, sender, webm(), 'voice.webm', 'audio/webm;codecs=opus');
    expect(res.status).toBe(201);
    // Nothing measured a duration, so the upload alone fits only a file message.
    expect(res.body).toMatchObject({ mimeType: 'audio/webm', kind: 'file' });
    expect(res.body).not.toHaveProperty('durationMs');
  });

  it('decides the type from the bytes, not from the name or type the client sent', async () => {
    const user = await registerUser(t);
    const res = await upload(t, user, png(2, 2), '../../etc/\u202Egnp.exe', 'application/octet-stream');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ mimeType: 'image/png', kind: 'image', name: 'gnp.exe' });
  });

  it('refuses a file over UPLOAD_MAX_BYTES with 413 and sends and records nothing', async () => {
    const user = await registerUser(t);
    const large = Buffer.concat([png(2, 2), randomBytes(MAX_BYTES)]);
    const callsBefore = cloudinary.calls.length;
    const res = await upload(t, user, large, 'large.png', 'image/png');
    expect(res.status).toBe(413);
    expect(res.body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      code: 'PAYLOAD_TOO_LARGE',
      message: `The file is larger than this server accepts (${MAX_BYTES} bytes)`,
      requestId: expect.any(String),
    });
    expect(cloudinary.calls).toHaveLength(callsBefore);
    expect(await recordsOf(user)).toEqual([]);
  });

  it('receives at most UPLOAD_MAX_CONCURRENT uploads at once; the next waits for a free slot', async () => {
    await withApp({ ...cloudinary.env(), UPLOAD_MAX_CONCURRENT: '1' }, async (app) => {
      const user = await registerUser(app);
      const [first, second] = [png(41, 1), png(42, 1)];
      const release = cloudinary.hold();
      const firstDone = upload(app, user, first, 'first.png', 'image/png').then((res) => res);
      await eventually(async () => expect(cloudinary.uploadsOf(first)).toHaveLength(1));

      const secondDone = upload(app, user, second, 'second.png', 'image/png').then((res) => res);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(cloudinary.uploadsOf(second)).toHaveLength(0);
      release();

      expect((await firstDone).status).toBe(201);
      expect((await secondDone).status).toBe(201);
      expect(cloudinary.uploadsOf(second)).toHaveLength(1);
    });
  });

  it('answers 503 to an upload that found no free slot within UPLOAD_SLOT_WAIT_MS, and sends nothing', async () => {
    await withApp(
      { ...cloudinary.env(), UPLOAD_MAX_CONCURRENT: '1', UPLOAD_SLOT_WAIT_MS: '200' },
      async (app) => {
        const user = await registerUser(app);
        const [first, second] = [png(43, 1), png(44, 1)];
        const release = cloudinary.hold();
        const firstDone = upload(app, user, first, 'first.png', 'image/png').then((res) => res);
        await eventually(async () => expect(cloudinary.uploadsOf(first)).toHaveLength(1));

        const refused = await upload(app, user, second, 'second.png', 'image/png');
        expect(refused.status).toBe(503);
        expect(refused.body).toMatchObject({
          code: 'SERVICE_UNAVAILABLE',
          message: expect.stringContaining('Too many uploads'),
        });
        expect(cloudinary.uploadsOf(second)).toHaveLength(0);
        release();
        expect((await firstDone).status).toBe(201);
        expect((await upload(app, user, second, 'second.png', 'image/png')).status).toBe(201);
      },
    );
  });

  it('refuses an executable disguised as a PNG with 415 before anything reaches Cloudinary', async () => {
    const user = await registerUser(t);
    const callsBefore = cloudinary.calls.length;
    const res = await upload(t, user, executable(), 'cat.png', 'image/png');
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({
      code: 'UPLOAD_UNSUPPORTED_TYPE',
      message: expect.stringMatching(/not allowed/),
    });
    expect(cloudinary.calls).toHaveLength(callsBefore);
    expect(await recordsOf(user)).toEqual([]);
  });

  it('answers 400 without a file, with a second file or with other fields', async () => {
    const user = await registerUser(t);
    const none = await t
      .http()
      .post('/api/v1/uploads')
      .set(...bearer(user));
    expect(none.status).toBe(400);
    expect(none.body.code).toBe('UPLOAD_FILE_MISSING');
    const two = await upload(t, user, png(1, 1), 'a.png', 'image/png').attach('file', png(1, 1), 'b.png');
    expect(two.status).toBe(400);
    const extra = await upload(t, user, png(1, 1), 'a.png', 'image/png').field('folder', 'elsewhere');
    expect(extra.status).toBe(400);
    expect(await recordsOf(user)).toEqual([]);
  });

  it('answers 401 without an access token', async () => {
    const res = await t.http().post('/api/v1/uploads').attach('file', png(1, 1), 'a.png');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'TOKEN_MISSING' });
  });

  it.each(['error-500', 'unavailable-503', 'drop-connection'] as const)(
    'answers 502 and records nothing when Cloudinary fails (%s)',
    async (failure) => {
      const user = await registerUser(t);
      cloudinary.fail(failure);
      const res = await upload(t, user, png(5, 5), 'a.png', 'image/png');
      expect(res.status).toBe(502);
      expect(res.body).toMatchObject({ code: 'UPLOAD_STORAGE_UNAVAILABLE', requestId: expect.any(String) });
      expect(await recordsOf(user)).toEqual([]);
    },
  );

  it('answers 502 when Cloudinary cannot be reached at all', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    await withApp(
      { ...cloudinary.env(), CLOUDINARY_API_BASE: `http://127.0.0.1:${closedPort}` },
      async (app) => {
        const res = await upload(app, await registerUser(app), png(2, 2), 'a.png', 'image/png');
        expect(res.status).toBe(502);
        expect(res.body.code).toBe('UPLOAD_STORAGE_UNAVAILABLE');
      },
    );
  });

  it('answers 422 with Cloudinary’s reason when it rejects the file', async () => {
    const user = await registerUser(t);
    const corrupt = Buffer.concat([png(1, 1).subarray(0, 8), Buffer.from('not an image at all')]);
    const res = await upload(t, user, corrupt, 'broken.png', 'image/png');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'UPLOAD_REJECTED',
      message: expect.stringMatching(/Invalid image file/),
    });
    expect(await recordsOf(user)).toEqual([]);
  });

  it('signs with the configured secret: a wrong one is refused by Cloudinary (401) and answers 502', async () => {
    await withApp(cloudinary.env('not-the-right-secret'), async (app) => {
      const image = png(6, 6);
      const res = await upload(app, await registerUser(app), image, 'a.png', 'image/png');
      expect(res.status).toBe(502);
      expect(cloudinary.uploadsOf(image)).toEqual([expect.objectContaining({ signatureValid: false })]);
    });
  });

  it('deletes an upload at Cloudinary and forgets it when its owner asks', async () => {
    const user = await registerUser(t);
    const { body } = await upload(t, user, png(3, 3), 'a.png', 'image/png');
    const [record] = await recordsOf(user);
    expect(cloudinary.assets.has(record.publicId)).toBe(true);

    const res = await t
      .http()
      .delete(`/api/v1/uploads/${body.id}`)
      .set(...bearer(user));
    expect(res.status).toBe(204);
    expect(cloudinary.calls.at(-1)).toMatchObject({
      action: 'destroy',
      resourceType: 'image',
      signatureValid: true,
      params: { public_id: record.publicId, invalidate: 'true' },
    });
    expect(cloudinary.assets.has(record.publicId)).toBe(false);
    expect(await recordsOf(user)).toEqual([]);
    const again = await t
      .http()
      .delete(`/api/v1/uploads/${body.id}`)
      .set(...bearer(user));
    expect(again.status).toBe(404);
  });

  it("answers 404 to anyone else's delete and keeps the file", async () => {
    const [owner, other] = [await registerUser(t), await registerUser(t)];
    const { body } = await upload(t, owner, png(3, 3), 'a.png', 'image/png');
    const res = await t
      .http()
      .delete(`/api/v1/uploads/${body.id}`)
      .set(...bearer(other));
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('UPLOAD_NOT_FOUND');
    const [record] = await recordsOf(owner);
    expect(cloudinary.assets.has(record.publicId)).toBe(true);
    const invalid = await t
      .http()
      .delete('/api/v1/uploads/not-an-id')
      .set(...bearer(owner));
    expect(invalid.status).toBe(400);
  });

  it('answers 503 UPLOADS_NOT_CONFIGURED without CLOUDINARY_URL, while the rest of the app runs', async () => {
    await withApp({}, async (app) => {
      const user = await registerUser(app);
      const res = await upload(app, user, png(2, 2), 'a.png', 'image/png');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ code: 'UPLOADS_NOT_CONFIGURED', message: expect.any(String) });
      const me = await app
        .http()
        .get('/api/v1/users/me')
        .set(...bearer(user));
      expect(me.status).toBe(200);
    });
  });

  it('limits uploads per user with 429', async () => {
    const [user, other] = [await registerUser(t), await registerUser(t)];
    const statuses: number[] = [];
    for (let i = 0; i <= UPLOADS_PER_MINUTE; i += 1) {
      statuses.push((await upload(t, user, png(1, 1), 'a.png', 'image/png')).status);
    }
    expect(statuses).toEqual([...Array<number>(UPLOADS_PER_MINUTE).fill(201), 429]);
    expect((await upload(t, other, png(1, 1), 'a.png', 'image/png')).status).toBe(201);
  });
});
