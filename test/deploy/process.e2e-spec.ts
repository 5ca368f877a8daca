import { registerUser } from '../support/builders';
import { APP_BOOT_TIMEOUT_MS, spawnApp, startAppProcess } from '../support/app-process';
import { closeSockets, connectChat, disconnected } from '../support/socket-client';

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
});
