import { Collection, MongoClient, ObjectId } from 'mongodb';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { FieldCipher } from '../../src/common/crypto/field-cipher';
import { bearer, registerUser, RegisteredUser } from '../support/builders';
import {
  directConversation,
  groupConversation,
  sendText,
  textMessageBuilder,
} from '../support/chat-builders';
import { CloudinaryStandIn } from '../support/cloudinary-stand-in';
import { mp4, pdf, png, wav } from '../support/media-files';
import { storeUpload, UploadMetadata } from '../support/media-uploads';
import { closeSockets, connectChat, emitWithAck, nextEvent } from '../support/socket-client';
import { registerWithRole, reportOf } from '../support/moderation';
import { connectTestMongo, createTestApp, TestApp } from '../support/test-app';

const photo = (name = 'holiday.png', width = 640, height = 480): UploadMetadata => ({
  kind: 'image',
  mimeType: 'image/png',
  name,
  width,
  height,
  blurhash: 'LEHV6nWB2yk8pyo0adR*.7kCMdnj',
});

describe('Attachments sent by reference and delivered through signed URLs (the Cloudinary stand-in)', () => {
  let cloudinary: CloudinaryStandIn;
  let t: TestApp;
  let mongo: MongoClient;
  let uploads: Collection;
  let messages: Collection;

  beforeAll(async () => {
    cloudinary = await CloudinaryStandIn.start({ deliver: true });
    t = await createTestApp(cloudinary.env());
    mongo = await connectTestMongo();
    uploads = mongo.db(t.databaseName).collection('uploads');
    messages = mongo.db(t.databaseName).collection('messages');
  });

  afterEach(() => closeSockets());

  afterAll(async () => {
    await t.close();
    await cloudinary.close();
    await mongo.close();
  });

  const send = (
    app: TestApp,
    sender: RegisteredUser,
    conversationId: string,
    body: Record<string, unknown>,
  ) =>
    app
      .http()
      .post(`/api/v1/conversations/${conversationId}/messages`)
      .set(...bearer(sender))
      .send(body);

  const history = async (app: TestApp, user: RegisteredUser, conversationId: string) =>
    (
      await app
        .http()
        .get(`/api/v1/conversations/${conversationId}/messages`)
        .set(...bearer(user))
    ).body.items as Array<Record<string, unknown>>;

  async function pair(app = t) {
    const [alice, bob] = [await registerUser(app), await registerUser(app)];
    return { alice, bob, conversationId: await directConversation(app, alice, bob) };
  }

  it('derives the type from the upload, keeps only a reference (name encrypted), and hands every member signed URLs', async () => {
    const { alice, bob, conversationId } = await pair();
    const image = png(640, 480);
    const uploadId = await storeUpload(t, cloudinary, alice, image, photo());
    const bobSocket = await connectChat(t, bob);
    const announced = nextEvent<Record<string, unknown>>(bobSocket, 'new_message');

    const sent = await send(t, alice, conversationId, { content: 'look', attachments: [{ uploadId }] });

    expect(sent.status).toBe(201);
    const attachment = {
      uploadId,
      kind: 'image',
      mimeType: 'image/png',
      size: image.length,
      name: 'holiday.png',
      width: 640,
      height: 480,
      blurhash: photo().blurhash,
      url: expect.stringMatching(
        new RegExp(
          `^${cloudinary.url}/parley-stand-in/image/authenticated/v1/parley/.+\\.png\\?__cld_token__=exp=\\d+~hmac=[\\da-f]{64}$`,
        ),
      ),
      thumbnailUrl: expect.stringContaining('/image/authenticated/c_limit,w_320/f_auto,q_auto/v1/parley/'),
      previewUrl: expect.stringContaining('/image/authenticated/c_limit,w_1280/f_auto,q_auto/v1/parley/'),
      urlExpiresAt: expect.any(String),
    };
    expect(sent.body).toMatchObject({ type: 'image', content: 'look', attachments: [attachment] });
    expect((await announced).attachments).toEqual([attachment]);
    expect((await history(t, bob, conversationId)).at(-1)).toMatchObject({ attachments: [attachment] });
    const expiresIn = Date.parse(sent.body.attachments[0].urlExpiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(3590_000);
    expect(expiresIn).toBeLessThanOrEqual(3600_000 + 900_000);

    const stored = await messages.findOne({ _id: new ObjectId(sent.body.id as string) });
    expect(stored?.attachments).toEqual([
      expect.objectContaining({
        uploadId,
        publicId: expect.stringMatching(/^parley\//),
        deliveryType: 'authenticated',
      }),
    ]);
    expect(JSON.stringify(stored?.attachments)).not.toMatch(/holiday|https?:/);
    expect(await uploads.findOne({ _id: new ObjectId(uploadId) })).toMatchObject({
      attachedTo: {
        conversationId: new ObjectId(conversationId),
        messageId: new ObjectId(sent.body.id as string),
      },
    });

    const fetched = await fetch(sent.body.attachments[0].url as string);
    expect(fetched.status).toBe(200);
    expect(Buffer.from(await fetched.arrayBuffer()).equals(image)).toBe(true);
    expect(cloudinary.deliveries.at(-1)).toMatchObject({ status: 200, token: 'ok' });
  });

  it('serves the variants Cloudinary would: a 320 px thumbnail (WebP when Accept takes it), a 1280 px preview', async () => {
    const { alice, bob, conversationId } = await pair();
    const uploadId = await storeUpload(t, cloudinary, alice, png(2000, 1000), photo('wide.png', 2000, 1000));
    await send(t, alice, conversationId, { attachments: [{ uploadId }] });
    const [{ attachments }] = (await history(t, bob, conversationId)) as Array<{
      attachments: Array<{ thumbnailUrl: string; previewUrl: string }>;
    }>;

    const facts = async (url: string, accept?: string) => {
      const res = await fetch(url, { headers: accept ? { accept } : {} });
      expect(res.status).toBe(200);
      const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
      return {
        type: res.headers.get('content-type'),
        format: meta.format,
        width: meta.width,
        height: meta.height,
      };
    };
    expect(await facts(attachments[0].thumbnailUrl, 'image/webp,image/*')).toEqual({
      type: 'image/webp',
      format: 'webp',
      width: 320,
      height: 160,
    });
    expect(await facts(attachments[0].thumbnailUrl, 'image/png')).toMatchObject({
      format: 'png',
      width: 320,
    });
    expect(await facts(attachments[0].previewUrl, 'image/avif,image/webp')).toMatchObject({
      format: 'heif',
      width: 1280,
      height: 640,
    });
  });

  it('gives a video its poster, a PDF its first page, and a voice note an MP3 every browser plays', async () => {
    const { alice, bob, conversationId } = await pair();
    const video = await storeUpload(t, cloudinary, alice, mp4(640, 360), {
      kind: 'video',
      mimeType: 'video/mp4',
      name: 'clip.mp4',
      width: 640,
      height: 360,
      durationMs: 1000,
    });
    const document = await storeUpload(t, cloudinary, alice, pdf(), {
      kind: 'file',
      mimeType: 'application/pdf',
      name: 'plan.pdf',
    });
    const voice = await storeUpload(t, cloudinary, alice, wav(1500), {
      kind: 'voice',
      mimeType: 'audio/wav',
      name: 'voice.wav',
      durationMs: 1500,
      waveform: Buffer.alloc(64, 128).toString('base64'),
    });
    const types = [];
    for (const uploadId of [video, document, voice]) {
      types.push((await send(t, alice, conversationId, { attachments: [{ uploadId }] })).body.type);
    }
    expect(types).toEqual(['video', 'file', 'voice']);
    const [clip, plan, note] = (await history(t, bob, conversationId)).map(
      (message) => (message.attachments as Array<Record<string, string>>)[0],
    );

    const poster = await fetch(clip.thumbnailUrl);
    expect(poster.headers.get('content-type')).toBe('image/jpeg');
    expect(await sharp(Buffer.from(await poster.arrayBuffer())).metadata()).toMatchObject({
      format: 'jpeg',
      width: 640,
    });
    const page = await fetch(plan.thumbnailUrl);
    expect(await sharp(Buffer.from(await page.arrayBuffer())).metadata()).toMatchObject({
      format: 'png',
      width: 210,
    });
    expect(plan.url).toMatch(/\.pdf\?/);
    expect(note).toMatchObject({ kind: 'voice', durationMs: 1500, waveform: expect.any(String) });
    const audio = await fetch(note.url);
    expect(audio.headers.get('content-type')).toBe('audio/mpeg');
    const head = Buffer.from(await audio.arrayBuffer()).subarray(0, 3);
    expect(head.toString('latin1') === 'ID3' || (head[0] === 0xff && (head[1] & 0xe0) === 0xe0)).toBe(true);
  });

  it('refuses with 400 ATTACHMENT_NOT_FOUND an upload of another user, an unknown id and one attached elsewhere, storing nothing', async () => {
    const { alice, bob, conversationId } = await pair();
    const carol = await registerUser(t);
    const elsewhere = await directConversation(t, alice, carol);
    const mine = await storeUpload(t, cloudinary, alice, png(4, 3), photo());
    const bobs = await storeUpload(t, cloudinary, bob, png(4, 3), photo());
    const sentElsewhere = await storeUpload(t, cloudinary, alice, png(4, 3), photo());
    expect((await send(t, alice, elsewhere, { attachments: [{ uploadId: sentElsewhere }] })).status).toBe(
      201,
    );
    const sentHere = await storeUpload(t, cloudinary, alice, png(4, 3), photo());
    expect((await send(t, alice, conversationId, { attachments: [{ uploadId: sentHere }] })).status).toBe(
      201,
    );
    const before = await history(t, alice, conversationId);

    for (const other of [bobs, new ObjectId().toHexString(), sentElsewhere, sentHere]) {
      const refused = await send(t, alice, conversationId, {
        attachments: [{ uploadId: mine }, { uploadId: other }],
      });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ code: 'ATTACHMENT_NOT_FOUND' });
    }
    const socket = await connectChat(t, alice);
    const ack = await emitWithAck(socket, 'send_message', {
      conversationId,
      attachments: [{ uploadId: bobs }],
    });
    expect(ack).toMatchObject({ ok: false, error: { code: 'ATTACHMENT_NOT_FOUND' } });

    expect(await history(t, alice, conversationId)).toEqual(before);
    expect(await uploads.findOne({ _id: new ObjectId(mine) })).toMatchObject({ attachedTo: null });
    expect(await uploads.findOne({ _id: new ObjectId(bobs) })).toMatchObject({ attachedTo: null });
  });

  it('refuses a type the attachments do not have with 400 ATTACHMENT_TYPE_MISMATCH, leaving the upload free', async () => {
    const { alice, conversationId } = await pair();
    const uploadId = await storeUpload(t, cloudinary, alice, png(4, 3), photo());
    const refused = await send(t, alice, conversationId, { type: 'video', attachments: [{ uploadId }] });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'ATTACHMENT_TYPE_MISMATCH' });
    expect(await uploads.findOne({ _id: new ObjectId(uploadId) })).toMatchObject({ attachedTo: null });
    expect(
      (await send(t, alice, conversationId, { type: 'image', attachments: [{ uploadId }] })).status,
    ).toBe(201);
  });

  it('refuses malformed attachments: URLs, duplicates, more than 10, attachments on a text message', async () => {
    const { alice, conversationId } = await pair();
    const uploadId = await storeUpload(t, cloudinary, alice, png(4, 3), photo());
    for (const body of [
      { attachments: [{ url: 'https://cdn.example.test/a.png', mimeType: 'image/png', size: 1, name: 'a' }] },
      { attachments: [{ uploadId }, { uploadId: uploadId.toUpperCase() }] },
      { attachments: Array.from({ length: 11 }, () => ({ uploadId: new ObjectId().toHexString() })) },
      { type: 'text', content: 'hi', attachments: [{ uploadId }] },
      { type: 'image', content: 'no picture' },
    ]) {
      const refused = await send(t, alice, conversationId, body);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
  });

  it('answers a resend (same clientMessageId) with the original message, attaching nothing twice', async () => {
    const { alice, bob, conversationId } = await pair();
    const uploadId = await storeUpload(t, cloudinary, alice, png(4, 3), photo());
    const other = await storeUpload(t, cloudinary, alice, png(4, 3), photo());
    const clientMessageId = randomUUID();
    const first = await send(t, alice, conversationId, { clientMessageId, attachments: [{ uploadId }] });
    const again = await send(t, alice, conversationId, { clientMessageId, attachments: [{ uploadId }] });
    const changed = await send(t, alice, conversationId, {
      clientMessageId,
      attachments: [{ uploadId: other }],
    });
    expect([first.status, again.status, changed.status]).toEqual([201, 201, 201]);
    expect(again.body.id).toBe(first.body.id);
    expect(changed.body).toMatchObject({ id: first.body.id, attachments: [{ uploadId }] });
    expect(await history(t, bob, conversationId)).toHaveLength(1);
    expect(await uploads.findOne({ _id: new ObjectId(other) })).toMatchObject({ attachedTo: null });
  });

  it('hands URLs to members only: an outsider gets 404 for the conversation and its message', async () => {
    const { alice, conversationId } = await pair();
    const outsider = await registerUser(t);
    const uploadId = await storeUpload(t, cloudinary, alice, png(4, 3), photo());
    const { body } = await send(t, alice, conversationId, { attachments: [{ uploadId }] });
    for (const path of [`messages/${body.id as string}`, 'messages']) {
      const res = await t
        .http()
        .get(`/api/v1/conversations/${conversationId}/${path}`)
        .set(...bearer(outsider));
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('__cld_token__');
    }
  });

  it('refuses a tampered, unsigned or public-path URL at the media host as Cloudinary does', async () => {
    const { alice, conversationId } = await pair();
    const uploadId = await storeUpload(t, cloudinary, alice, png(400, 300), photo());
    const { body } = await send(t, alice, conversationId, { attachments: [{ uploadId }] });
    const { url, thumbnailUrl } = body.attachments[0] as { url: string; thumbnailUrl: string };
    const token = new URL(url).search;
    const tampered = [
      [thumbnailUrl.replace('w_320', 'w_2000'), 'Invalid auth token'],
      [`${new URL(thumbnailUrl).origin}${new URL(thumbnailUrl).pathname}${token}`, 'Invalid auth token'],
      [url.replace(/hmac=[\da-f]{4}/, 'hmac=0000'), 'Invalid auth token'],
      [url.replace(/exp=(\d+)/, (_m, exp: string) => `exp=${Number(exp) + 86_400}`), 'Invalid auth token'],
      [url.split('?')[0], 'Missing auth token'],
    ];
    for (const [changed, reason] of tampered) {
      const res = await fetch(changed);
      expect({ status: res.status, reason: res.headers.get('x-cld-error') }).toEqual({ status: 401, reason });
    }
    const publicPath = await fetch(url.split('?')[0].replace('/authenticated/', '/upload/'));
    expect(publicPath.status).toBe(404);
  });

  it('stops a URL working after UPLOAD_URL_TTL_SECONDS; the message fetched again carries a working one', async () => {
    const app = await createTestApp({ ...cloudinary.env(), UPLOAD_URL_TTL_SECONDS: '2' });
    try {
      const { alice, bob, conversationId } = await pair(app);
      const uploadId = await storeUpload(app, cloudinary, alice, png(4, 3), photo());
      const { body } = await send(app, alice, conversationId, { attachments: [{ uploadId }] });
      const { url, urlExpiresAt } = body.attachments[0] as { url: string; urlExpiresAt: string };
      expect(Date.parse(urlExpiresAt) - Date.now()).toBeLessThanOrEqual(3000);
      expect((await fetch(url)).status).toBe(200);

      await new Promise((resolve) => setTimeout(resolve, Date.parse(urlExpiresAt) - Date.now() + 50));
      const expired = await fetch(url);
      expect({ status: expired.status, reason: expired.headers.get('x-cld-error') }).toEqual({
        status: 401,
        reason: 'Auth token expired',
      });
      const again = await app
        .http()
        .get(`/api/v1/conversations/${conversationId}/messages/${body.id as string}`)
        .set(...bearer(bob));
      expect(again.body.attachments[0].url).not.toBe(url);
      expect((await fetch(again.body.attachments[0].url as string)).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('shows moderators a reported image through freshly signed URLs, the report keeping only its reference', async () => {
    const { alice, bob, conversationId } = await pair();
    const moderator = await registerWithRole(t, mongo, 'moderator');
    const image = png(400, 300);
    const uploadId = await storeUpload(t, cloudinary, alice, image, photo('evidence.png', 400, 300));
    const { body } = await send(t, alice, conversationId, { attachments: [{ uploadId }] });
    const reportId = await reportOf(t, bob, {
      targetType: 'message',
      targetId: body.id,
      reason: 'harassment',
    });

    const queue = await t
      .http()
      .get('/api/v1/admin/reports')
      .query({ status: 'open', limit: 100 })
      .set(...bearer(moderator));
    const item = queue.body.items.find((entry: { id: string }) => entry.id === reportId);
    expect(item.snapshot.attachments).toEqual([
      {
        mimeType: 'image/png',
        size: image.length,
        name: 'evidence.png',
        url: expect.stringContaining('/image/authenticated/'),
        thumbnailUrl: expect.any(String),
        previewUrl: expect.any(String),
        urlExpiresAt: expect.any(String),
      },
    ]);
    expect((await fetch(item.snapshot.attachments[0].url as string)).status).toBe(200);
    const stored = await mongo
      .db(t.databaseName)
      .collection('reports')
      .findOne({ _id: new ObjectId(reportId) });
    expect(JSON.stringify(stored?.snapshot)).not.toMatch(/__cld_token__|evidence\.png/);
  });

  it('still answers attachments sent as URLs before uploads were referenced, without expiry', async () => {
    const { alice, bob } = await pair();
    const conversationId = await groupConversation(t, alice, [bob]);
    await sendText(t, alice, conversationId, 'before');
    const cipher = t.app.get(FieldCipher);
    const record = textMessageBuilder(t, conversationId, alice.id)(2);
    const id = record._id.toHexString();
    await messages.insertOne({
      ...record,
      _id: new ObjectId(id),
      conversationId: new ObjectId(conversationId),
      senderId: new ObjectId(alice.id),
      type: 'image',
      content: cipher.seal('an old photo', conversationId, id, 'content'),
      attachments: [
        {
          url: cipher.seal(
            'https://res.cloudinary.com/old/image/upload/v1/a.png',
            conversationId,
            id,
            'attachment:0',
          ),
          mimeType: 'image/png',
          size: 9,
          name: 'a.png',
          width: 4,
          height: 3,
        },
      ],
    });
    const [, old] = await history(t, bob, conversationId);
    expect(old.attachments).toEqual([
      {
        url: 'https://res.cloudinary.com/old/image/upload/v1/a.png',
        mimeType: 'image/png',
        size: 9,
        name: 'a.png',
        width: 4,
        height: 3,
      },
    ]);
  });
});
