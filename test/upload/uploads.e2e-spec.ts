import { Collection, MongoClient, ObjectId } from 'mongodb';
import { createServer } from 'node:net';
import { bearer, registerUser, RegisteredUser } from '../support/builders';
import { CloudinaryStandIn } from '../support/cloudinary-stand-in';
import { eventually } from '../support/eventually';
import { executable, png } from '../support/media-files';
import { rawRequest } from '../support/raw-http';
import { connectTestMongo, createTestApp, TestApp } from '../support/test-app';
import { BOUNDARY, multipart, postUpload } from '../support/upload-requests';

describe('Uploads through the real Cloudinary SDK', () => {
  let cloudinary: CloudinaryStandIn;
  let t: TestApp;
  let mongo: MongoClient;
  let records: Collection;

  beforeAll(async () => {
    cloudinary = await CloudinaryStandIn.start();
    t = await createTestApp(cloudinary.env());
    mongo = await connectTestMongo();
    records = mongo.db(t.databaseName).collection('uploads');
  });

  afterEach(() => cloudinary.fail(undefined));

  afterAll(async () => {
    await t.close();
    await cloudinary.close();
    await mongo.close();
  });

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

  it('stores a PNG as an authenticated asset and answers the attachment with its measures and a signed URL', async () => {
    const user = await registerUser(t);
    const res = await postUpload(t, user, png(37, 21), 'holiday.png', 'image/png');
    expect(res.status).toBe(201);
    const [record] = await recordsOf(user);
    expect(res.body).toEqual({
      uploadId: record._id.toHexString(),
      kind: 'image',
      mimeType: 'image/png',
      size: record.bytes,
      name: 'holiday.png',
      width: 37,
      height: 21,
      blurhash: expect.stringMatching(/^[0-9A-Za-z#$%*+,\-.:;=?@[\]^_{|}~]{20,}$/),
      url: expect.stringMatching(/\/parley-stand-in\/image\/authenticated\/.*\/parley\/[\da-f-]{36}\.png\b/),
      // The variants: a 320 px thumbnail and a 1280 px preview, each in the format the browser accepts.
      thumbnailUrl: expect.stringMatching(
        /\/image\/authenticated\/c_limit,w_320\/f_auto,q_auto\/.*__cld_token__=/,
      ),
      previewUrl: expect.stringMatching(
        /\/image\/authenticated\/c_limit,w_1280\/f_auto,q_auto\/.*__cld_token__=/,
      ),
      urlExpiresAt: expect.any(String),
    });
    expect(Date.parse(res.body.urlExpiresAt)).toBeGreaterThan(Date.now());
    const call = cloudinary.calls.find(
      (entry) =>
        entry.action === 'upload' && entry.params.public_id === record.publicId.slice('parley/'.length),
    );
    expect(call).toMatchObject({
      resourceType: 'auto',
      signatureValid: true,
      params: { folder: 'parley', type: 'authenticated', overwrite: '0' },
    });
    expect(record).toEqual({
      _id: expect.any(ObjectId),
      owner: new ObjectId(user.id),
      publicId: expect.stringMatching(/^parley\/[\da-f-]{36}$/),
      resourceType: 'image',
      deliveryType: 'authenticated',
      format: 'png',
      kind: 'image',
      mimeType: 'image/png',
      bytes: cloudinary.assets.get(record.publicId as string)?.bytes,
      name: 'holiday.png',
      width: 37,
      height: 21,
      blurhash: res.body.blurhash,
      attachedTo: null,
      createdAt: expect.any(Date),
    });
    expect(cloudinary.assets.get(record.publicId as string)?.type).toBe('authenticated');
  });

  it('decides the type from the bytes when the client declares none, and cleans the name', async () => {
    const user = await registerUser(t);
    const res = await postUpload(t, user, png(2, 2), '../../etc/\u202Egnp.exe', 'application/octet-stream');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ mimeType: 'image/png', kind: 'image', name: 'gnp.exe' });
  });

  it('streams a PDF through and offers it as a file', async () => {
    const user = await registerUser(t);
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const res = await postUpload(t, user, pdf, 'minutes.pdf', 'application/pdf');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'file',
      mimeType: 'application/pdf',
      size: pdf.length,
      name: 'minutes.pdf',
    });
    const [record] = await recordsOf(user);
    expect(cloudinary.assets.get(record.publicId as string)?.content.equals(pdf)).toBe(true);
  });

  it.each([
    [
      'an executable disguised as a PNG',
      executable(),
      'cat.png',
      'image/png',
      415,
      'UPLOAD_UNSUPPORTED_TYPE',
    ],
    [
      'a PDF declared as a PNG',
      Buffer.from('%PDF-1.4\n'),
      'doc.pdf',
      'image/png',
      415,
      'UPLOAD_TYPE_MISMATCH',
    ],
    ['a PNG named .pdf', png(2, 2), 'report.pdf', 'application/octet-stream', 415, 'UPLOAD_TYPE_MISMATCH'],
    [
      'a HEIC photo (not in the default allow-list)',
      Buffer.from('\0\0\0\x20ftypheic\0\0\0\0', 'latin1'),
      'a.heic',
      'image/heic',
      415,
      'UPLOAD_UNSUPPORTED_TYPE',
    ],
    ['zero bytes', Buffer.alloc(0), 'empty.png', 'image/png', 400, 'UPLOAD_EMPTY_FILE'],
  ])('refuses %s before anything reaches Cloudinary', async (_case, file, name, type, status, code) => {
    const user = await registerUser(t);
    const callsBefore = cloudinary.calls.length;
    const res = await postUpload(t, user, file, name, type);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ code, message: expect.any(String) });
    expect(cloudinary.calls).toHaveLength(callsBefore);
    expect(await recordsOf(user)).toEqual([]);
  });

  it('answers 400 without a file, with a second file, with another field, or with a body that is not multipart', async () => {
    const user = await registerUser(t);
    const assetsBefore = cloudinary.assets.size;
    const none = await t
      .http()
      .post('/api/v1/uploads')
      .set(...bearer(user));
    expect(none.status).toBe(400);
    expect(none.body.code).toBe('UPLOAD_FILE_MISSING');
    const send = (body: Buffer, contentType = `multipart/form-data; boundary=${BOUNDARY}`) =>
      rawRequest(t.url, {
        method: 'POST',
        path: '/api/v1/uploads',
        headers: { authorization: `Bearer ${user.accessToken}`, 'content-type': contentType },
        body,
      });
    const file = { name: 'file', filename: 'a.png', contentType: 'image/png', content: png(3, 3) };
    const cases: Array<[Buffer, string]> = [
      [multipart([file, { ...file, filename: 'b.png' }]), 'UPLOAD_UNEXPECTED_PART'],
      [multipart([{ name: 'folder', content: 'elsewhere' }, file]), 'UPLOAD_UNEXPECTED_PART'],
      [multipart([file, { name: 'folder', content: 'elsewhere' }]), 'UPLOAD_UNEXPECTED_PART'],
      [multipart([{ ...file, name: 'picture' }]), 'UPLOAD_UNEXPECTED_PART'],
    ];
    for (const [body, code] of cases) {
      const res = await send(body);
      expect({ status: res.status, code: (res.body as { code: string }).code }).toEqual({
        status: 400,
        code,
      });
    }
    const json = await send(Buffer.from('{"file":"x"}'), 'application/json');
    expect(json.status).toBe(400);
    expect(cloudinary.assets.size).toBe(assetsBefore);
    expect(await recordsOf(user)).toEqual([]);
  });

  it('answers 400 UPLOAD_INCOMPLETE to a body that ends before the multipart does, keeping nothing', async () => {
    const user = await registerUser(t);
    const keptNothing = cloudinary.keepsNothingFromNow();
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(100_000, 0x20)]);
    const whole = multipart([
      { name: 'file', filename: 'a.pdf', contentType: 'application/pdf', content: pdf },
    ]);
    const res = await rawRequest(t.url, {
      method: 'POST',
      path: '/api/v1/uploads',
      headers: {
        authorization: `Bearer ${user.accessToken}`,
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
      },
      body: whole.subarray(0, 60_000),
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'UPLOAD_INCOMPLETE' });
    await eventually(async () => keptNothing());
    expect(await recordsOf(user)).toEqual([]);
  });

  it('answers 401 without an access token', async () => {
    const res = await t.http().post('/api/v1/uploads').attach('file', png(1, 1), 'a.png');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'TOKEN_MISSING' });
  });

  it('refuses anything but ?kind=voice in the query', async () => {
    const user = await registerUser(t);
    const res = await t
      .http()
      .post('/api/v1/uploads?kind=sticker')
      .set(...bearer(user))
      .attach('file', png(1, 1), 'a.png');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it.each(['error-500', 'unavailable-503', 'drop-connection'] as const)(
    'answers 503 UPLOAD_UNAVAILABLE quickly and records nothing when Cloudinary fails (%s)',
    async (failure) => {
      const user = await registerUser(t);
      cloudinary.fail(failure);
      const started = Date.now();
      const res = await postUpload(t, user, png(5, 5), 'a.png', 'image/png');
      expect(res.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(res.body).toMatchObject({ code: 'UPLOAD_UNAVAILABLE', requestId: expect.any(String) });
      expect(await recordsOf(user)).toEqual([]);
    },
  );

  it('answers 503 at once when Cloudinary cannot be reached at all, for a streamed file too', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    await withApp(
      { ...cloudinary.env(), CLOUDINARY_API_BASE: `http://127.0.0.1:${closedPort}` },
      async (app) => {
        const user = await registerUser(app);
        const started = Date.now();
        const image = await postUpload(app, user, png(2, 2), 'a.png', 'image/png');
        const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3 * 1024 * 1024, 0x20)]);
        const file = await postUpload(app, user, pdf, 'a.pdf', 'application/pdf');
        expect([image.status, file.status]).toEqual([503, 503]);
        expect(file.body.code).toBe('UPLOAD_UNAVAILABLE');
        expect(Date.now() - started).toBeLessThan(5000);
      },
    );
  });

  it('answers 422 UPLOAD_REJECTED to an image that cannot be decoded, before anything reaches Cloudinary', async () => {
    const user = await registerUser(t);
    const callsBefore = cloudinary.calls.length;
    const corrupt = Buffer.concat([png(1, 1).subarray(0, 8), Buffer.from('not an image at all')]);
    const res = await postUpload(t, user, corrupt, 'broken.png', 'image/png');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'UPLOAD_REJECTED',
      message: expect.stringMatching(/could not be decoded/),
    });
    expect(cloudinary.calls).toHaveLength(callsBefore);
    expect(await recordsOf(user)).toEqual([]);
  });

  it('signs with the configured secret: a wrong one is refused by Cloudinary (401) and answers 503', async () => {
    await withApp(cloudinary.env('not-the-right-secret'), async (app) => {
      const callsBefore = cloudinary.calls.length;
      const res = await postUpload(app, await registerUser(app), png(6, 6), 'a.png', 'image/png');
      expect(res.status).toBe(503);
      expect(cloudinary.calls.slice(callsBefore)).toEqual([
        expect.objectContaining({ signatureValid: false }),
      ]);
    });
  });

  it('deletes an upload at Cloudinary and forgets it when its owner asks', async () => {
    const user = await registerUser(t);
    const { body } = await postUpload(t, user, png(3, 3), 'a.png', 'image/png');
    const [record] = await recordsOf(user);
    expect(cloudinary.assets.has(record.publicId as string)).toBe(true);

    const res = await t
      .http()
      .delete(`/api/v1/uploads/${body.uploadId}`)
      .set(...bearer(user));
    expect(res.status).toBe(204);
    expect(cloudinary.calls.at(-1)).toMatchObject({
      action: 'destroy',
      resourceType: 'image',
      signatureValid: true,
      params: { public_id: record.publicId, type: 'authenticated', invalidate: 'true' },
    });
    expect(cloudinary.assets.has(record.publicId as string)).toBe(false);
    expect(await recordsOf(user)).toEqual([]);
    const again = await t
      .http()
      .delete(`/api/v1/uploads/${body.uploadId}`)
      .set(...bearer(user));
    expect(again.status).toBe(404);
  });

  it("answers 404 to anyone else's delete and keeps the file", async () => {
    const [owner, other] = [await registerUser(t), await registerUser(t)];
    const { body } = await postUpload(t, owner, png(3, 3), 'a.png', 'image/png');
    const res = await t
      .http()
      .delete(`/api/v1/uploads/${body.uploadId}`)
      .set(...bearer(other));
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('UPLOAD_NOT_FOUND');
    const [record] = await recordsOf(owner);
    expect(cloudinary.assets.has(record.publicId as string)).toBe(true);
  });

  it('answers 503 UPLOADS_NOT_CONFIGURED without CLOUDINARY_URL, while the rest of the app runs', async () => {
    await withApp({}, async (app) => {
      const user = await registerUser(app);
      const res = await postUpload(app, user, png(2, 2), 'a.png', 'image/png');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ code: 'UPLOADS_NOT_CONFIGURED', message: expect.any(String) });
      const me = await app
        .http()
        .get('/api/v1/users/me')
        .set(...bearer(user));
      expect(me.status).toBe(200);
    });
  });

  it('receives at most UPLOAD_MAX_CONCURRENT uploads at once; the next waits for a free slot', async () => {
    await withApp({ ...cloudinary.env(), UPLOAD_MAX_CONCURRENT: '1' }, async (app) => {
      const user = await registerUser(app);
      const callsBefore = cloudinary.calls.length;
      const release = cloudinary.hold();
      const firstDone = postUpload(app, user, png(41, 1), 'first.png', 'image/png').then((res) => res);
      await eventually(async () => expect(cloudinary.calls.length).toBe(callsBefore + 1));

      const secondDone = postUpload(app, user, png(42, 1), 'second.png', 'image/png').then((res) => res);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(cloudinary.calls.length).toBe(callsBefore + 1);
      release();

      expect((await firstDone).status).toBe(201);
      expect((await secondDone).status).toBe(201);
      expect(cloudinary.calls.length).toBe(callsBefore + 2);
    });
  });

  it('answers 503 to an upload that found no free slot within UPLOAD_SLOT_WAIT_MS, and sends nothing', async () => {
    await withApp(
      { ...cloudinary.env(), UPLOAD_MAX_CONCURRENT: '1', UPLOAD_SLOT_WAIT_MS: '200' },
      async (app) => {
        const user = await registerUser(app);
        const callsBefore = cloudinary.calls.length;
        const release = cloudinary.hold();
        const firstDone = postUpload(app, user, png(43, 1), 'first.png', 'image/png').then((res) => res);
        await eventually(async () => expect(cloudinary.calls.length).toBe(callsBefore + 1));

        const refused = await postUpload(app, user, png(44, 1), 'second.png', 'image/png');
        expect(refused.status).toBe(503);
        expect(refused.body).toMatchObject({
          code: 'SERVICE_UNAVAILABLE',
          message: expect.stringContaining('Too many uploads'),
        });
        expect(cloudinary.calls.length).toBe(callsBefore + 1);
        release();
        expect((await firstDone).status).toBe(201);
        expect((await postUpload(app, user, png(44, 1), 'second.png', 'image/png')).status).toBe(201);
      },
    );
  });

  it('limits uploads per user with 429', async () => {
    await withApp({ ...cloudinary.env(), UPLOAD_RATE_LIMIT_PER_MINUTE: '3' }, async (app) => {
      const [user, other] = [await registerUser(app), await registerUser(app)];
      const statuses: number[] = [];
      for (let i = 0; i <= 3; i += 1) {
        statuses.push((await postUpload(app, user, png(1, 1), 'a.png', 'image/png')).status);
      }
      expect(statuses).toEqual([201, 201, 201, 429]);
      expect((await postUpload(app, other, png(1, 1), 'a.png', 'image/png')).status).toBe(201);
    });
  });
});
