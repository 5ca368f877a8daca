import { Collection, MongoClient, ObjectId } from 'mongodb';
import sharp from 'sharp';
import { registerUser } from '../support/builders';
import { CloudinaryStandIn } from '../support/cloudinary-stand-in';
import { eventually } from '../support/eventually';
import { png, wav, webm } from '../support/media-files';
import { connectTestMongo, createTestApp, TestApp } from '../support/test-app';
import { jpegWithLocation, opusWebm, postUpload } from '../support/upload-requests';

describe('What uploads do to media: metadata removed, voice notes analysed', () => {
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

  afterAll(async () => {
    await t.close();
    await cloudinary.close();
    await mongo.close();
  });

  const storedOf = async (uploadId: string) => {
    const record = await records.findOne({ _id: new ObjectId(uploadId) });
    const asset = cloudinary.assets.get(record?.publicId as string);
    if (!record || !asset) {
      throw new Error(`upload ${uploadId} not stored`);
    }
    return { record, content: asset.content };
  };

  it('removes EXIF, GPS and camera details from a photo, turning it upright as its orientation said', async () => {
    const user = await registerUser(t);
    const photo = await jpegWithLocation(40, 20);
    // What a phone sends: the location (GPS IFD pointer, tag 0x8825), the camera, an orientation.
    expect(photo.includes(Buffer.from('SecretCam'))).toBe(true);
    expect(photo.includes(Buffer.from([0x25, 0x88]))).toBe(true);
    expect(await sharp(photo).metadata()).toMatchObject({ width: 40, height: 20, orientation: 6 });

    const res = await postUpload(t, user, photo, 'IMG_0042.jpg', 'image/jpeg');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'image', mimeType: 'image/jpeg', width: 20, height: 40 });
    const { content, record } = await storedOf(res.body.uploadId);
    expect(record).toMatchObject({ format: 'jpg', width: 20, height: 40, bytes: content.length });
    const stored = await sharp(content).metadata();
    expect(stored).toMatchObject({ format: 'jpeg', width: 20, height: 40 });
    expect(stored.exif).toBeUndefined();
    expect(stored.xmp).toBeUndefined();
    expect(stored.icc).toBeUndefined();
    expect(stored.orientation).toBeUndefined();
    for (const trace of ['Exif\0\0', 'SecretCam', 'Serial-0042', 'http://ns.adobe.com/xap']) {
      expect({ trace, found: content.includes(Buffer.from(trace, 'latin1')) }).toEqual({
        trace,
        found: false,
      });
    }
  });

  it('keeps a profile or group photo (?kind=avatar) public: a permanent URL, metadata removed all the same', async () => {
    const user = await registerUser(t);
    const res = await postUpload(t, user, await jpegWithLocation(40, 20), 'me.jpg', 'image/jpeg', '?kind=avatar');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'image', width: 20, height: 40 });
    expect(res.body).not.toHaveProperty('urlExpiresAt');
    expect(res.body.url).toMatch(/^https:\/\/.+\/image\/upload\/v\d+\/parley\/[\da-f-]{36}\.jpg$/);
    const { content, record } = await storedOf(res.body.uploadId);
    expect(record.deliveryType).toBe('upload');
    expect(cloudinary.assets.get(record.publicId as string)?.type).toBe('upload');
    expect(content.includes(Buffer.from('SecretCam'))).toBe(false);

    const pdf = await postUpload(t, user, Buffer.from('%PDF-1.7\n'), 'me.pdf', 'application/pdf', '?kind=avatar');
    expect(pdf.status).toBe(415);
  });

  it('gives an image a BlurHash placeholder of its colours', async () => {
    const user = await registerUser(t);
    const res = await postUpload(t, user, png(16, 16), 'grey.png', 'image/png');
    // A uniform grey: the DC component encodes it, every other component is zero.
    expect(res.body.blurhash).toMatch(/^L[\w#$%*+,\-.:;=?@[\]^{|}~]{27}$/);
  });

  it('measures a voice note with ffmpeg: its duration and a 64-value waveform, silent first half and loud second', async () => {
    const user = await registerUser(t);
    const note = opusWebm(2000);
    const res = await postUpload(t, user, note, 'voice.webm', 'audio/webm;codecs=opus', '?kind=voice');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'voice', mimeType: 'audio/webm', size: note.length });
    expect(Math.abs(res.body.durationMs - 2000)).toBeLessThan(60);
    const waveform = Buffer.from(res.body.waveform, 'base64');
    expect(waveform).toHaveLength(64);
    expect(Math.max(...waveform.subarray(0, 28))).toBeLessThan(10);
    expect(Math.min(...waveform.subarray(36))).toBeGreaterThan(200);
    const { content, record } = await storedOf(res.body.uploadId);
    // Stored as recorded: only images are re-encoded.
    expect(content.equals(note)).toBe(true);
    expect(record).toMatchObject({
      kind: 'voice',
      durationMs: res.body.durationMs,
      waveform: res.body.waveform,
    });
  });

  it('takes a WAV voice note too, whatever the client declared for it', async () => {
    const user = await registerUser(t);
    const res = await postUpload(t, user, wav(1500), 'note', 'application/octet-stream', '?kind=voice');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'voice', mimeType: 'audio/wav', durationMs: 1500 });
    expect([...Buffer.from(res.body.waveform, 'base64')].every((level) => level === 0)).toBe(true);
  });

  it('refuses as a voice note what is not audio (415) or does not decode (422), keeping nothing', async () => {
    const user = await registerUser(t);
    const image = await postUpload(t, user, png(2, 2), 'a.png', 'image/png', '?kind=voice');
    expect(image.status).toBe(415);
    expect(image.body.code).toBe('UPLOAD_UNSUPPORTED_TYPE');

    const keptNothing = cloudinary.keepsNothingFromNow();
    const garbage = await postUpload(t, user, webm(), 'voice.webm', 'audio/webm', '?kind=voice');
    expect(garbage.status).toBe(422);
    expect(garbage.body).toMatchObject({
      code: 'UPLOAD_REJECTED',
      message: expect.stringMatching(/voice note/),
    });
    await eventually(async () => keptNothing());
    expect(await records.countDocuments({ owner: new ObjectId(user.id) })).toBe(0);
  });

  it('offers audio as audio with the duration Cloudinary measured, and a clip as video', async () => {
    const user = await registerUser(t);
    const audio = await postUpload(t, user, wav(1500), 'song.wav', 'audio/wav');
    expect(audio.body).toMatchObject({ kind: 'audio', mimeType: 'audio/wav', durationMs: 1500 });
    expect(audio.body).not.toHaveProperty('waveform');
    const clip = await postUpload(t, user, webm(), 'clip.webm', 'video/webm');
    expect(clip.status).toBe(201);
    expect(clip.body).toMatchObject({ kind: 'video', mimeType: 'video/webm' });
  });
});
