import { Collection, MongoClient, ObjectId } from 'mongodb';
import { registerUser, RegisteredUser } from '../support/builders';
import { CloudinaryStandIn } from '../support/cloudinary-stand-in';
import { eventually } from '../support/eventually';
import { png, pngDeclaring, wav, webm } from '../support/media-files';
import { connectTestMongo, createTestApp, TestApp } from '../support/test-app';
import { abortedUpload, postUpload } from '../support/upload-requests';

const KiB = 1024;
const LIMITS = { image: 64 * KiB, audio: 128 * KiB, video: 512 * KiB, file: 256 * KiB };
const PDF = Buffer.from('%PDF-1.7\n');

/** A file of exactly `size` bytes starting with `head`. */
const sized = (head: Buffer, size: number) => Buffer.concat([head, Buffer.alloc(size - head.length, 0x20)]);

describe('Upload limits, enforced while the file streams', () => {
  let cloudinary: CloudinaryStandIn;
  let t: TestApp;
  let mongo: MongoClient;
  let records: Collection;

  beforeAll(async () => {
    cloudinary = await CloudinaryStandIn.start();
    t = await createTestApp({
      ...cloudinary.env(),
      UPLOAD_MAX_IMAGE_BYTES: String(LIMITS.image),
      UPLOAD_MAX_AUDIO_BYTES: String(LIMITS.audio),
      UPLOAD_MAX_VIDEO_BYTES: String(LIMITS.video),
      UPLOAD_MAX_FILE_BYTES: String(LIMITS.file),
      UPLOAD_MAX_IMAGE_PIXELS: '1000000',
    });
    mongo = await connectTestMongo();
    records = mongo.db(t.databaseName).collection('uploads');
  });

  afterAll(async () => {
    await t.close();
    await cloudinary.close();
    await mongo.close();
  });

  const recordsOf = (user: RegisteredUser) => records.find({ owner: new ObjectId(user.id) }).toArray();

  it.each([
    ['a file', 'file', PDF, 'a.pdf', 'application/pdf'],
    ['audio', 'audio', wav(10), 'a.wav', 'audio/wav'],
    ['a video', 'video', webm(), 'a.webm', 'video/webm'],
  ] as const)(
    'takes %s of exactly its limit, and cuts one byte more mid-stream with 413, keeping nothing at Cloudinary',
    async (what, kind, head, name, type) => {
      const user = await registerUser(t);
      expect((await postUpload(t, user, sized(head, LIMITS[kind]), name, type)).status).toBe(201);

      const keptNothing = cloudinary.keepsNothingFromNow();
      const res = await postUpload(t, user, sized(head, LIMITS[kind] + 1), name, type);
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({
        code: 'PAYLOAD_TOO_LARGE',
        message: `The file is larger than this server accepts for ${what} (${LIMITS[kind]} bytes)`,
        details: { kind, limitBytes: LIMITS[kind] },
      });
      // The file had been streaming to Cloudinary: that upload was cut before its end, so nothing was kept.
      await eventually(async () => keptNothing());
      expect(await recordsOf(user)).toHaveLength(1);
    },
  );

  it('refuses an image over its limit with 413 before anything reaches Cloudinary', async () => {
    const user = await registerUser(t);
    const callsBefore = cloudinary.calls.length;
    const res = await postUpload(t, user, sized(png(8, 8), LIMITS.image + 1), 'big.png', 'image/png');
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      details: { kind: 'image', limitBytes: LIMITS.image },
    });
    expect(cloudinary.calls).toHaveLength(callsBefore);
  });

  it('refuses a decompression bomb (a small PNG declaring a huge canvas) with 413 before decoding it', async () => {
    const user = await registerUser(t);
    const callsBefore = cloudinary.calls.length;
    const bomb = pngDeclaring(50_000, 50_000);
    expect(bomb.length).toBeLessThan(1024);
    const res = await postUpload(t, user, bomb, 'bomb.png', 'image/png');
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'UPLOAD_TOO_MANY_PIXELS', details: { maxPixels: 1_000_000 } });
    // Just over the limit is refused too; at the limit is taken.
    expect((await postUpload(t, user, png(1001, 1000), 'a.png', 'image/png')).status).toBe(413);
    expect((await postUpload(t, user, png(1000, 1000), 'b.png', 'image/png')).status).toBe(201);
    expect(cloudinary.calls).toHaveLength(callsBefore + 1);
  });

  it('keeps nothing of an upload whose client went away mid-file', async () => {
    const user = await registerUser(t);
    const [startedBefore, keptNothing] = [cloudinary.uploadsStarted, cloudinary.keepsNothingFromNow()];
    await abortedUpload(
      {
        url: t.url,
        accessToken: user.accessToken,
        filename: 'a.pdf',
        contentType: 'application/pdf',
        head: PDF,
        sent: 100 * KiB,
      },
      // Cut once the file is on its way to Cloudinary.
      () => eventually(async () => expect(cloudinary.uploadsStarted).toBe(startedBefore + 1)),
    );
    await eventually(async () => keptNothing());
    expect(await recordsOf(user)).toEqual([]);
    // The app is fine afterwards.
    expect((await postUpload(t, user, png(2, 2), 'a.png', 'image/png')).status).toBe(201);
  });

  it('counts each user’s bytes per day (UPLOAD_QUOTA_BYTES_PER_DAY), refusing with 429 while streaming', async () => {
    const app = await createTestApp({ ...cloudinary.env(), UPLOAD_QUOTA_BYTES_PER_DAY: '500000' });
    try {
      const [user, other] = [await registerUser(app), await registerUser(app)];
      const file = (size: number) => sized(PDF, size);
      expect((await postUpload(app, user, file(200_000), 'a.pdf', 'application/pdf')).status).toBe(201);
      expect((await postUpload(app, user, file(200_000), 'b.pdf', 'application/pdf')).status).toBe(201);

      const keptNothing = cloudinary.keepsNothingFromNow();
      const over = await postUpload(app, user, file(200_000), 'c.pdf', 'application/pdf');
      expect(over.status).toBe(429);
      const midnight = new Date();
      midnight.setUTCHours(24, 0, 0, 0);
      expect(over.body).toMatchObject({
        code: 'UPLOAD_QUOTA_EXCEEDED',
        details: { resetsAt: midnight.toISOString() },
      });
      await eventually(async () => keptNothing());

      // What is left can still be used; once it is used up, uploads are refused before they are read.
      expect((await postUpload(app, user, file(100_000), 'd.pdf', 'application/pdf')).status).toBe(201);
      const callsBefore = cloudinary.calls.length;
      expect((await postUpload(app, user, png(2, 2), 'e.png', 'image/png')).status).toBe(429);
      expect(cloudinary.calls).toHaveLength(callsBefore);
      expect((await postUpload(app, other, file(200_000), 'a.pdf', 'application/pdf')).status).toBe(201);
    } finally {
      await app.close();
    }
  });
});
