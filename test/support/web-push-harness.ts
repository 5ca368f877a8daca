import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { generateVAPIDKeys } from 'web-push';
import { QueueName } from '../../src/common/queue/jobs';
import { APP_CONFIG, AppConfig } from '../../src/config/app-config';
import { bearer, registerUser, RegisteredUser } from './builders';
import { eventually } from './eventually';
import { inboxIdle } from './inbox';
import { PushServiceStandIn, TestSubscription } from './push-service-stand-in';
import { closeSockets } from './socket-client';
import { createTestApp, TestApp } from './test-app';

const SUBJECT = 'mailto:ops@parley.test';
export const SUBSCRIPTIONS = '/api/v1/notifications/push-subscriptions';

/**
 * For a describe block: an app with fresh VAPID keys talking to a push-service stand-in, and helpers to
 * subscribe users and to wait for a message's push job. Every push must pass the stand-in's checks.
 */
export function webPushHarness(env: Record<string, string> = {}) {
  const vapid = generateVAPIDKeys();
  const pushService = new PushServiceStandIn({ publicKey: vapid.publicKey, subject: SUBJECT });
  const harness = {
    vapid,
    pushService,
    t: undefined as unknown as TestApp,
    /**
     * Registers a browser for the user. Waits first for the inbox's jobs to settle: a group created just
     * before would otherwise push its members an "added you" entry to the device registered meanwhile.
     */
    async subscribe(user: { accessToken: string }): Promise<TestSubscription> {
      await inboxIdle(harness.t);
      const subscription = pushService.subscription();
      const { endpoint, keys } = subscription;
      const res = await harness.t
        .http()
        .post(SUBSCRIPTIONS)
        .set(...bearer(user))
        .send({ endpoint, expirationTime: null, keys });
      expect(res.status).toBe(201);
      return subscription;
    },
    async endpointsOf(user: { accessToken: string }): Promise<string[]> {
      const res = await harness.t
        .http()
        .get(SUBSCRIPTIONS)
        .set(...bearer(user));
      expect(res.status).toBe(200);
      return (res.body.subscriptions as Array<{ endpoint: string }>).map((s) => s.endpoint);
    },
    /**
     * Waits until the message's push job has finished (its id derives from the message id), so a device
     * without a push can be told apart from one whose push is still on its way.
     */
    async pushJobDone(messageId: string): Promise<void> {
      await eventually(async () => expect(await harness.pushJobState(messageId)).toBe('completed'));
    },
    /** The Redis set of users who registered a device (see SubscribedUsers). */
    subscribersKey(): string {
      return `${harness.t.app.get<AppConfig>(APP_CONFIG).redis.keyPrefix}:push:subscribed-users`;
    },
    /** BullMQ's state of the message's push job: `unknown` when none was queued. */
    pushJobState(messageId: string): Promise<string> {
      const queue = harness.t.app.get<Queue>(getQueueToken(QueueName.Notifications), { strict: false });
      return queue.getJobState(`push-${messageId}`);
    },
  };
  beforeAll(async () => {
    await pushService.start();
    harness.t = await createTestApp({
      WEB_PUSH_VAPID_PUBLIC_KEY: vapid.publicKey,
      WEB_PUSH_VAPID_PRIVATE_KEY: vapid.privateKey,
      WEB_PUSH_SUBJECT: SUBJECT,
      // The stand-in push service.
      WEB_PUSH_ENDPOINT_HOSTS: '127.0.0.1',
      ...env,
    });
  });
  afterEach(() => {
    closeSockets();
    // Every push reached the stand-in with a valid VAPID signature and a decryptable body.
    expect(pushService.problems).toEqual([]);
  });
  afterAll(async () => {
    await harness.t.close();
    await pushService.close();
  });
  return harness;
}

export const users = (t: TestApp, count: number): Promise<RegisteredUser[]> =>
  Promise.all(Array.from({ length: count }, () => registerUser(t)));
