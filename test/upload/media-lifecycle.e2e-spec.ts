import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { Collection, MongoClient, ObjectId } from 'mongodb';
import { DeadLetter, QueueName } from '../../src/common/queue/jobs';
import { bearer, registerUser, RegisteredUser } from '../support/builders';
import { directConversation, groupConversation } from '../support/chat-builders';
import { CloudinaryStandIn } from '../support/cloudinary-stand-in';
import { eventually } from '../support/eventually';
import { png } from '../support/media-files';
import { storeUpload, UploadMetadata } from '../support/media-uploads';
import { connectTestMongo, createTestApp, TestApp } from '../support/test-app';

const photo: UploadMetadata = { kind: 'image', mimeType: 'image/png', name: 'a.png', width: 4, height: 3 };

describe('Media lifecycle: orphaned uploads and the media of deleted messages leave Cloudinary', () => {
  let cloudinary: CloudinaryStandIn;
  let mongo: MongoClient;

  beforeAll(async () => {
    cloudinary = await CloudinaryStandIn.start({ deliver: true });
    mongo = await connectTestMongo();
  });

  afterEach(() => cloudinary.fail(undefined));

  afterAll(async () => {
    await cloudinary.close();
    await mongo.close();
  });

  async function withApp(
    env: Record<string, string>,
    use: (app: TestApp, uploads: Collection) => Promise<void>,
  ) {
    const app = await createTestApp({ ...cloudinary.env(), ...env });
    try {
      await use(app, mongo.db(app.databaseName).collection('uploads'));
    } finally {
      await app.close();
    }
  }

  const publicIdOf = async (uploads: Collection, uploadId: string) =>
    (await uploads.findOne({ _id: new ObjectId(uploadId) }))!.publicId as string;

  const send = (app: TestApp, sender: RegisteredUser, conversationId: string, uploadId: string) =>
    app
      .http()
      .post(`/api/v1/conversations/${conversationId}/messages`)
      .set(...bearer(sender))
      .send({ attachments: [{ uploadId }] });

  it('deletes uploads never attached within UPLOAD_ORPHAN_TTL_HOURS, keeping attached and legacy ones', async () => {
    // 0.0005 h = 1.8 s; swept every 300 ms.
    await withApp(
      { UPLOAD_ORPHAN_TTL_HOURS: '0.0005', UPLOAD_ORPHAN_SWEEP_MS: '300' },
      async (app, uploads) => {
        const [alice, bob] = [await registerUser(app), await registerUser(app)];
        const conversationId = await directConversation(app, alice, bob);
        const orphan = await storeUpload(app, cloudinary, alice, png(4, 3), photo);
        const attached = await storeUpload(app, cloudinary, alice, png(4, 3), photo);
        expect((await send(app, alice, conversationId, attached)).status).toBe(201);
        const legacy = {
          _id: new ObjectId(),
          owner: new ObjectId(alice.id),
          publicId: 'parley/legacy',
          resourceType: 'image',
          url: 'https://res.cloudinary.com/x/image/upload/v1/parley/legacy.png',
          bytes: 1,
          createdAt: new Date(0),
        };
        await uploads.insertOne(legacy);
        const [orphanId, attachedId] = [
          await publicIdOf(uploads, orphan),
          await publicIdOf(uploads, attached),
        ];

        await eventually(async () => {
          expect(cloudinary.assets.has(orphanId)).toBe(false);
          expect(await uploads.findOne({ _id: new ObjectId(orphan) })).toBeNull();
        }, 10_000);
        const destroy = cloudinary.calls.find(
          (call) => call.action === 'destroy' && call.params.public_id === orphanId,
        );
        expect(destroy).toMatchObject({
          resourceType: 'image',
          signatureValid: true,
          params: { type: 'authenticated' },
        });
        expect(cloudinary.assets.has(attachedId)).toBe(true);
        expect(await uploads.countDocuments({ _id: { $in: [new ObjectId(attached), legacy._id] } })).toBe(2);
        // Too late to attach: the orphan is gone.
        const late = await send(app, alice, conversationId, orphan);
        expect(late.body).toMatchObject({ code: 'ATTACHMENT_NOT_FOUND' });
      },
    );
  });

  it('deletes the media of a message deleted by its sender or a group admin, retrying while Cloudinary fails', async () => {
    await withApp({ JOB_ATTEMPTS: '5', JOB_BACKOFF_MS: '200' }, async (app, uploads) => {
      const [owner, member] = [await registerUser(app), await registerUser(app)];
      const conversationId = await groupConversation(app, owner, [member]);
      const own = await storeUpload(app, cloudinary, owner, png(4, 3), photo);
      const theirs = await storeUpload(app, cloudinary, member, png(4, 3), photo);
      const sent = [
        (await send(app, owner, conversationId, own)).body,
        (await send(app, member, conversationId, theirs)).body,
      ];
      const publicIds = [await publicIdOf(uploads, own), await publicIdOf(uploads, theirs)];

      const remove = (user: RegisteredUser, messageId: string) =>
        app
          .http()
          .delete(`/api/v1/conversations/${conversationId}/messages/${messageId}`)
          .set(...bearer(user));
      expect((await remove(owner, sent[0].id as string)).status).toBe(200);
      await eventually(async () => {
        expect(cloudinary.assets.has(publicIds[0])).toBe(false);
        expect(await uploads.findOne({ _id: new ObjectId(own) })).toBeNull();
      });

      cloudinary.fail('error-500');
      const destroysBefore = cloudinary.calls.filter((call) => call.action === 'destroy').length;
      expect((await remove(owner, sent[1].id as string)).status).toBe(200);
      await eventually(async () => {
        expect(cloudinary.calls.filter((call) => call.action === 'destroy').length).toBeGreaterThan(
          destroysBefore + 1,
        );
      });
      expect(cloudinary.assets.has(publicIds[1])).toBe(true);
      cloudinary.fail(undefined);
      await eventually(async () => {
        expect(cloudinary.assets.has(publicIds[1])).toBe(false);
        expect(await uploads.findOne({ _id: new ObjectId(theirs) })).toBeNull();
      }, 10_000);
    });
  });

  it('keeps a deletion Cloudinary refused every attempt in the dead-letter queue', async () => {
    await withApp({ JOB_ATTEMPTS: '2', JOB_BACKOFF_MS: '100' }, async (app, uploads) => {
      const [alice, bob] = [await registerUser(app), await registerUser(app)];
      const conversationId = await directConversation(app, alice, bob);
      const uploadId = await storeUpload(app, cloudinary, alice, png(4, 3), photo);
      const { body } = await send(app, alice, conversationId, uploadId);
      cloudinary.fail('unavailable-503');
      await app
        .http()
        .delete(`/api/v1/conversations/${conversationId}/messages/${body.id as string}`)
        .set(...bearer(alice));

      const deadLetters = app.app.get<Queue>(getQueueToken(QueueName.DeadLetter), { strict: false });
      await eventually(async () => {
        const letters = (await deadLetters.getJobs(['waiting', 'delayed'])).map(
          (job) => job.data as DeadLetter,
        );
        expect(letters).toContainEqual(
          expect.objectContaining({
            queue: QueueName.MediaLifecycle,
            name: 'delete-message-media',
            data: { conversationId, messageId: body.id, uploadIds: [uploadId] },
          }),
        );
      }, 10_000);
      expect(await uploads.findOne({ _id: new ObjectId(uploadId) })).not.toBeNull();
    });
  });
});
