import { getQueueToken } from '@nestjs/bullmq';
import { Job, Queue } from 'bullmq';
import { QueueName } from '../../src/common/queue/jobs';
import { bearer, registerUser, RegisteredUser } from './builders';
import { eventually } from './eventually';
import { decodedBody, linkToken, ReceivedMail, SmtpSink } from './smtp-sink';
import { closeSockets } from './socket-client';
import { createTestApp, createTestInstances, TestApp, uniqueName } from './test-app';

export const WEB_URL = 'https://app.parley.test';
export const API_URL = 'https://api.parley.test';
/** The digest delay the harness runs with (NOTIFY_EMAIL_DELAY_MINUTES=0.04). */
export const DELAY_MS = 2400;

/** A received email's header, unfolded (RFC 5322), or undefined. */
export function headerOf(mail: ReceivedMail, name: string): string | undefined {
  const head = mail.raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

/** The path and query of the one-click URL in `List-Unsubscribe: <...>`, to be posted to the test app. */
export function oneClickPath(mail: ReceivedMail): string {
  const header = headerOf(mail, 'List-Unsubscribe');
  const url = /^<([^>]+)>$/.exec(header ?? '')?.[1];
  if (!url?.startsWith(`${API_URL}/api/v1/notifications/email/unsubscribe?token=`)) {
    throw new Error(`no one-click unsubscribe URL in: ${header}`);
  }
  return url.slice(API_URL.length);
}

/**
 * For a describe block: an app whose digests wait DELAY_MS, an SMTP sink, users with verified addresses, and
 * the digest countdowns (BullMQ jobs `digest-<userId>`) to wait on.
 */
export function emailDigestHarness(env: Record<string, string> = {}, instances: 1 | 2 = 1) {
  const smtp = new SmtpSink();
  const h = {
    smtp,
    t: undefined as unknown as TestApp,
    /** The second instance (same database, Redis and queues) when the harness runs two. */
    other: undefined as unknown as TestApp,
    /** Registers a user and verifies their address through the emailed link. */
    async user(name = uniqueName('User')): Promise<RegisteredUser> {
      const user = await registerUser(h.t, { displayName: name });
      const token = linkToken(await smtp.next(user.email), 'verify-email');
      const res = await h.t.http().post('/api/v1/auth/verify-email').send({ token });
      expect(res.status).toBe(204);
      return user;
    },
    queue(): Queue {
      return h.t.app.get<Queue>(getQueueToken(QueueName.EmailDigests), { strict: false });
    },
    /** BullMQ's state of the user's countdown: `unknown` when there is none. */
    countdown(user: RegisteredUser): Promise<string> {
      return h.queue().getJobState(`digest-${user.id}`);
    },
    countdownJob(user: RegisteredUser): Promise<Job | undefined> {
      return h.queue().getJob(`digest-${user.id}`);
    },
    /** Waits until the user's countdown is waiting (it is scheduled off the send). */
    async countdownStarted(user: RegisteredUser): Promise<void> {
      await eventually(async () => expect(await h.countdown(user)).toBe('delayed'));
    },
    /** Waits until the user's countdown has run (or was removed) and is gone. */
    async countdownOver(user: RegisteredUser): Promise<void> {
      await eventually(async () => expect(await h.countdown(user)).toBe('unknown'), DELAY_MS * 4);
    },
    /** The user's next email, its text with the quoted-printable encoding undone. */
    async nextDigest(user: RegisteredUser): Promise<{ mail: ReceivedMail; body: string }> {
      const mail = await smtp.next(user.email);
      return { mail, body: decodedBody(mail).replace(/\r\n/g, '\n') };
    },
    async settings(user: RegisteredUser, changes: Record<string, unknown>): Promise<Record<string, unknown>> {
      const res = await h.t
        .http()
        .patch('/api/v1/users/me/notification-settings')
        .set(...bearer(user))
        .send(changes);
      expect(res.status).toBe(200);
      return res.body;
    },
    async emailDigestOn(user: RegisteredUser): Promise<boolean> {
      const res = await h.t
        .http()
        .get('/api/v1/users/me/notification-settings')
        .set(...bearer(user));
      expect(res.status).toBe(200);
      return res.body.emailDigest as boolean;
    },
  };
  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    const overrides = {
      SMTP_URL: smtpUrl,
      EMAIL_VERIFY_ON_REGISTER: 'true',
      PUBLIC_WEB_URL: WEB_URL,
      PUBLIC_API_URL: API_URL,
      NOTIFY_EMAIL_DELAY_MINUTES: String(DELAY_MS / 60_000),
      ...env,
    };
    if (instances === 2) {
      [h.t, h.other] = await createTestInstances(overrides);
    } else {
      h.t = await createTestApp(overrides);
    }
  });
  afterEach(() => closeSockets());
  afterAll(async () => {
    await h.t.close();
    await h.other?.close();
    await smtp.close();
  });
  return h;
}
