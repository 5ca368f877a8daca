import { MongoClient, ObjectId } from 'mongodb';
import { randomBytes } from 'node:crypto';
import { bearer, registerUser } from '../support/builders';
import { directConversation, sendText } from '../support/chat-builders';
import { CloudinaryStandIn } from '../support/cloudinary-stand-in';
import { pdf } from '../support/media-files';
import { storeUpload } from '../support/media-uploads';
import { connectTestMongo, createTestApp, TestApp, uniqueName } from '../support/test-app';

const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;

describe('Encryption at rest', () => {
  const k1 = key('k1');
  const k2 = key('k2');
  const databaseName = uniqueName('parley_enc');
  let mongo: MongoClient;
  let cloudinary: CloudinaryStandIn;

  beforeAll(async () => {
    mongo = await connectTestMongo();
    cloudinary = await CloudinaryStandIn.start();
  });
  afterAll(async () => {
    await mongo.close();
    await cloudinary.close();
  });

  const raw = (id: string) =>
    mongo
      .db(databaseName)
      .collection('messages')
      .findOne({ _id: new ObjectId(id) });

  it('stores content and attachment names only as ciphertext, rotates keys, and refuses moved ciphertexts', async () => {
    const env = { ...cloudinary.env(), DATABASE_NAME: databaseName };
    let t: TestApp = await createTestApp({ ...env, MESSAGE_ENCRYPTION_KEYS: k1 });
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    const conversationId = await directConversation(t, alice, bob);
    const secret = await sendText(t, alice, conversationId, 'the launch code is 0000');
    const uploadId = await storeUpload(t, cloudinary, alice, pdf(), {
      kind: 'file',
      mimeType: 'application/pdf',
      name: 'takeover-plan.pdf',
    });
    const file = await sendText(t, alice, conversationId, '', { attachments: [{ uploadId }] });
    const stored = await raw(secret.id);
    expect(JSON.stringify(stored)).not.toContain('launch code');
    expect(stored?.content).toMatch(/^v1\.k1\./);
    expect(JSON.stringify(await raw(file.id))).not.toContain('takeover');
    await t.close();

    // Rotation: k2 now encrypts, k1 still decrypts the old message.
    t = await createTestApp({ ...env, MESSAGE_ENCRYPTION_KEYS: `${k2},${k1}` });
    const login = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: alice.email, password: alice.password });
    const session = { accessToken: login.body.accessToken as string };
    const newer = await sendText(t, { ...alice, ...session }, conversationId, 'after rotation');
    expect((await raw(newer.id))?.content).toMatch(/^v1\.k2\./);
    const history = await t
      .http()
      .get(`/api/v1/conversations/${conversationId}/messages`)
      .set(...bearer(session));
    expect(history.body.items.map((m: { content: string | null }) => m.content)).toEqual(
      ['the launch code is 0000', '', 'after rotation'].map((c) => (c === '' ? null : c)),
    );
    expect(history.body.items[1].attachments).toMatchObject([{ name: 'takeover-plan.pdf' }]);

    // A ciphertext copied onto another message does not decrypt there (AAD binds it to its message).
    const messages = mongo.db(databaseName).collection('messages');
    await messages.updateOne(
      { _id: new ObjectId(newer.id) },
      { $set: { content: (await raw(secret.id))?.content } },
    );
    const tampered = await t
      .http()
      .get(`/api/v1/conversations/${conversationId}/messages/${newer.id}`)
      .set(...bearer(session));
    expect(tampered.status).toBe(200);
    expect(tampered.body.content).toBeNull();
    const page = await t
      .http()
      .get(`/api/v1/conversations/${conversationId}/messages`)
      .set(...bearer(session));
    expect(page.status).toBe(200); // one bad value does not fail the page
    expect(page.body.items.map((m: { content: string | null }) => m.content)).toEqual([
      'the launch code is 0000',
      null,
      null,
    ]);
    expect(JSON.stringify(page.body)).not.toContain('v1.k'); // nor leaks the ciphertext
    await t.close();
  });
});
