import { AddressInfo, connect, createServer, Server } from 'node:net';
import { createTestApp, testServices } from '../support/test-app';

/** A Redis in front of the harness's one whose every connection gets no reply for its first `delayMs`. */
async function slowRedis(delayMs: number): Promise<{ url: string; server: Server }> {
  const target = new URL(testServices().redisUrl);
  const server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    const replyFrom = Date.now() + delayMs;
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => {
      setTimeout(() => client.writable && client.write(chunk), Math.max(0, replyFrom - Date.now()));
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) {
      socket.on('close', end);
      socket.on('error', end);
    }
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return { url: `redis://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('Stopping while job queues are still connecting to Redis', () => {
  it('shuts down without an unhandled error', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    const redis = await slowRedis(1000);
    try {
      const t = await createTestApp({ REDIS_URL: redis.url });
      await t.close();
      await new Promise((settled) => setTimeout(settled, 500));
    } finally {
      process.off('unhandledRejection', record);
      redis.server.close();
    }
    expect(unhandled).toEqual([]);
  });
});
