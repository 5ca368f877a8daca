import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { registerUser } from '../support/builders';
import { APP_BOOT_TIMEOUT_MS, spawnApp, startAppProcess } from '../support/app-process';
import { SmtpSink } from '../support/smtp-sink';
import { closeSockets, connectChat, disconnected } from '../support/socket-client';
import { testEnv, uniqueName } from '../support/test-app';

describe('The server process', () => {
  afterEach(() => closeSockets());

  it(
    'refuses to start on a bad environment and lists every problem at once',
    async () => {
      const app = spawnApp({
        NODE_ENV: 'production',
        PORT: 'eighty',
        MONGODB_URI: 'postgres://nope',
        JWT_ACCESS_SECRET: 'change-me-change-me-change-me-1234',
      });
      expect(await app.exited()).toBe(1);
      const output = app.output();
      for (const variable of [
        'PORT',
        'MONGODB_URI',
        'REDIS_URL',
        'JWT_ACCESS_SECRET',
        'MESSAGE_ENCRYPTION_KEYS',
        'SEARCH_INDEX_KEYS',
      ]) {
        expect(output).toContain(`${variable}:`);
      }
      expect(output).not.toMatch(/\n\s+at /); // a list of problems, not a stack trace
    },
    APP_BOOT_TIMEOUT_MS,
  );

  it(
    'shuts down gracefully on SIGTERM: closes sockets and exits 0',
    async () => {
      const app = await startAppProcess();
      const user = await registerUser(app);
      const socket = await connectChat(app, user);
      const closed = disconnected(socket, 15_000);
      app.child.kill('SIGTERM');
      expect(await app.exited()).toBe(0);
      await closed;
      expect(app.output()).not.toMatch(/forcing exit/);
    },
    APP_BOOT_TIMEOUT_MS + 30_000,
  );

  it(
    'lets a job in progress finish on SIGTERM: the email is sent once and nothing is left to send again',
    async () => {
      const smtp = new SmtpSink(1500);
      const prefix = uniqueName('t');
      const app = await startAppProcess({
        SMTP_URL: await smtp.start(),
        EMAIL_VERIFY_ON_REGISTER: 'true',
        REDIS_KEY_PREFIX: prefix,
      });
      const redis = new Redis(testEnv().REDIS_URL);
      const queue = new Queue('mail', { connection: redis, prefix: `${prefix}:bull` });
      try {
        const user = await registerUser(app);
        await smtp.arrivalOf(user.email);
        app.child.kill('SIGTERM');
        expect(await app.exited()).toBe(0);
        expect(smtp.count(user.email)).toBe(1);
        expect(await queue.getJobCounts('active', 'wait', 'delayed', 'failed', 'completed')).toEqual({
          active: 0,
          wait: 0,
          delayed: 0,
          failed: 0,
          completed: 1,
        });
        expect(await redis.keys(`${prefix}:mail:outbox:*`)).toEqual([]);
      } finally {
        await queue.close();
        redis.disconnect();
        await smtp.close();
      }
    },
    APP_BOOT_TIMEOUT_MS + 30_000,
  );
});
