import { EventEmitter2 } from '@nestjs/event-emitter';
import { Types } from 'mongoose';
import { gunzipSync } from 'node:zlib';
import { exportLinkKey, signExportLink } from '../../src/account/export-link';
import { CallsDomainEvent, EndedCall } from '../../src/calls/calls.events';
import { bearer, RegisteredUser, registerUser } from '../support/builders';
import { directConversation, groupConversation, sendText } from '../support/chat-builders';
import { eventually } from '../support/eventually';
import { closeSockets, connectChat, nextEvent } from '../support/socket-client';
import { decodedBody, SmtpSink } from '../support/smtp-sink';
import { connectTestMongo, createTestApp, TestApp } from '../support/test-app';

const PUBLIC_API_URL = 'https://api.parley.test';
const SECRET = 'test-access-secret-that-is-long-enough';

interface ExportBody {
  id: string;
  state: string;
  expiresAt: string | null;
  downloadUrl: string | null;
}

/** The download link of an export email, as a path the test app answers. */
function emailedPath(body: string): string {
  const match =
    /https:\/\/api\.parley\.test(\/api\/v1\/users\/me\/export\/\w+\/download\?expires=\d+&signature=[\w-]+)/.exec(
      body,
    );
  if (!match) {
    throw new Error(`no download link in:\n${body}`);
  }
  return match[1];
}

describe('Data export', () => {
  const smtp = new SmtpSink();
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ SMTP_URL: await smtp.start(), PUBLIC_API_URL });
  });
  afterEach(() => closeSockets());
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const requestExport = (user: RegisteredUser) =>
    t
      .http()
      .post('/api/v1/users/me/export')
      .set(...bearer(user));
  const latestExport = (user: RegisteredUser) =>
    t
      .http()
      .get('/api/v1/users/me/export')
      .set(...bearer(user));
  const download = (path: string) =>
    t
      .http()
      .get(path)
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      });

  it('builds an archive of the user’s data, tells them by socket and email, and serves it from the signed link', async () => {
    const [alice, bob] = [await registerUser(t), await registerUser(t)];
    const direct = await directConversation(t, alice, bob);
    const group = await groupConversation(t, alice, [bob]);
    await sendText(t, alice, direct, 'alice says hello privately');
    const bobs = await sendText(t, bob, direct, 'bob answers privately');
    await sendText(t, alice, group, 'alice speaks to the group');
    const report = await t
      .http()
      .post('/api/v1/reports')
      .set(...bearer(alice))
      .send({ targetType: 'message', targetId: bobs.id, reason: 'spam', note: 'alice’s own note' });
    expect(report.status).toBe(201);
    // A call of bob's that alice missed (its message is bob's, so not among alice's messages).
    const call: EndedCall = {
      callId: new Types.ObjectId().toHexString(),
      conversationId: direct,
      kind: 'direct',
      type: 'audio',
      initiatorId: bob.id,
      createdAt: new Date(Date.now() - 60_000).toISOString(),
      answeredAt: null,
      endedAt: new Date().toISOString(),
      endReason: 'no_answer',
      endedBy: null,
      invitedUserIds: [alice.id],
      rejectedUserIds: [],
      missedUserIds: [alice.id],
      participations: [],
    };
    t.app.get(EventEmitter2).emit(CallsDomainEvent.Ended, { call });
    await eventually(async () =>
      expect(
        (
          await t
            .http()
            .get('/api/v1/calls')
            .set(...bearer(alice))
        ).body.items,
      ).toHaveLength(1),
    );
    const socket = await connectChat(t, alice);
    const ready = nextEvent<{ exportId: string; expiresAt: string }>(
      socket,
      'export_ready',
      () => true,
      10_000,
    );

    const started = await requestExport(alice);
    expect(started.status).toBe(202);
    const exportId = (started.body.export as ExportBody).id;
    expect(started.body.export).toMatchObject({ state: 'pending', downloadUrl: null });
    const again = await requestExport(alice);
    expect([200, 202]).toContain(again.status);
    expect(again.body.export.id).toBe(exportId);

    expect((await ready).exportId).toBe(exportId);
    const path = emailedPath(decodedBody(await smtp.next(alice.email)));
    const latest = (await latestExport(alice)).body.export as ExportBody;
    expect(latest).toMatchObject({ id: exportId, state: 'ready' });
    expect(latest.downloadUrl).toBe(`${PUBLIC_API_URL}${path}`);

    const res = await download(path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/gzip');
    expect(res.headers['content-disposition']).toContain(`parley-export-${exportId}.json.gz`);
    const text = gunzipSync(res.body as Buffer).toString('utf8');
    const archive = JSON.parse(text);
    expect(archive).toMatchObject({
      format: 'parley-account-export',
      version: 1,
      exportId,
      profile: { id: alice.id, email: alice.email, displayName: alice.displayName, hasPassword: true },
      identities: [],
      notifications: { pushSubscriptions: [] },
      uploads: [],
    });
    expect(archive.messages.map((m: { content: string }) => m.content).sort()).toEqual([
      'alice says hello privately',
      'alice speaks to the group',
    ]);
    expect(archive.memberships.map((m: { conversationId: string }) => m.conversationId).sort()).toEqual(
      [direct, group].sort(),
    );
    expect(archive.reportsFiled).toEqual([
      expect.objectContaining({
        id: report.body.id,
        targetType: 'message',
        targetId: bobs.id,
        reason: 'spam',
        note: 'alice’s own note',
        status: 'open',
        outcome: null,
      }),
    ]);
    expect(archive.calls).toEqual([
      expect.objectContaining({ callId: call.callId, direction: 'incoming', missed: true, status: 'missed' }),
    ]);
    expect(archive.sessions).toHaveLength(1);
    expect(archive.sessions[0]).toEqual(
      expect.objectContaining({ deviceLabel: expect.any(String), createdAt: expect.any(String) }),
    );
    // Other people's words and every secret stay out.
    expect(text).not.toContain('bob answers privately');
    expect(text).not.toMatch(/argon2|passwordHash|refreshTokenHash|p256dh/);
  });

  it('answers the ready export again while it is fresh instead of building another', async () => {
    const alice = await registerUser(t);
    const first = (await requestExport(alice)).body.export as ExportBody;
    await smtp.next(alice.email);
    await eventually(async () => expect((await latestExport(alice)).body.export.state).toBe('ready'));
    const again = await requestExport(alice);
    expect(again.status).toBe(200);
    expect(again.body.export).toMatchObject({ id: first.id, state: 'ready' });
  });

  it('refuses a tampered link (404) and an expired one (410), changing nothing', async () => {
    const alice = await registerUser(t);
    await requestExport(alice);
    const path = emailedPath(decodedBody(await smtp.next(alice.email)));
    const url = new URL(path, PUBLIC_API_URL);
    const exportId = url.pathname.split('/')[6];
    const expires = Number(url.searchParams.get('expires'));

    const tamperedSignature = await download(path.replace(/signature=./, 'signature=A'));
    expect(tamperedSignature.status).toBe(404);
    const laterExpiry = await download(path.replace(`expires=${expires}`, `expires=${expires + 3600}`));
    expect(laterExpiry.status).toBe(404);
    const missing = await download(`/api/v1/users/me/export/${exportId}/download`);
    expect(missing.status).toBe(400);

    // A genuine link (signed with the server's key) whose time has passed.
    const past = Math.floor(Date.now() / 1000) - 60;
    const signature = signExportLink(exportLinkKey(SECRET), exportId, past);
    const expired = await t
      .http()
      .get(`/api/v1/users/me/export/${exportId}/download?expires=${past}&signature=${signature}`);
    expect(expired.status).toBe(410);
    expect(expired.body.code).toBe('EXPORT_LINK_EXPIRED');

    expect((await download(path)).status).toBe(200);
  });

  it('answers 404 to a user who never asked for an export, and 401 without a bearer', async () => {
    const alice = await registerUser(t);
    const none = await latestExport(alice);
    expect(none.status).toBe(404);
    expect(none.body.code).toBe('EXPORT_NOT_FOUND');
    expect((await t.http().post('/api/v1/users/me/export')).status).toBe(401);
  });
});

describe('Data export expiry', () => {
  const smtp = new SmtpSink();
  let t: TestApp;

  beforeAll(async () => {
    // Links live 3.6 s; a new export may be asked for at once.
    t = await createTestApp({
      SMTP_URL: await smtp.start(),
      PUBLIC_API_URL,
      EXPORT_LINK_TTL_HOURS: '0.001',
      EXPORT_MIN_INTERVAL_HOURS: '0',
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('deletes the archive when the link expires: the link answers 410 and the export shows expired', async () => {
    const alice = await registerUser(t);
    await t
      .http()
      .post('/api/v1/users/me/export')
      .set(...bearer(alice));
    const path = emailedPath(decodedBody(await smtp.next(alice.email)));
    const exportId = new URL(path, PUBLIC_API_URL).pathname.split('/')[6];
    expect((await t.http().get(path)).status).toBe(200);

    await eventually(async () => {
      const latest = await t
        .http()
        .get('/api/v1/users/me/export')
        .set(...bearer(alice));
      expect(latest.body.export).toMatchObject({ id: exportId, state: 'expired', downloadUrl: null });
    }, 15_000);
    const gone = await t.http().get(path);
    expect(gone.status).toBe(410);
    expect(gone.body.code).toBe('EXPORT_LINK_EXPIRED');
    const mongo = await connectTestMongo();
    try {
      const chunks = await mongo
        .db(t.databaseName)
        .collection('account_export_chunks')
        .countDocuments({ _id: { $regex: `^${exportId}:` } } as never);
      expect(chunks).toBe(0);
    } finally {
      await mongo.close();
    }
  });
});
