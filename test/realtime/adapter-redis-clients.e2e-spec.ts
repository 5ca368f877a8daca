import Redis from 'ioredis';
import { AddressInfo, createServer, Server, Socket } from 'node:net';
import { handleAdapterCommandFailures } from '../../src/realtime/adapter-redis-clients';

/** A Redis that accepts connections and never answers: every command stays queued until the client gives up. */
async function silentRedis(): Promise<{ server: Server; url: string; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return { server, sockets, url: `redis://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('The Socket.IO adapter’s Redis clients', () => {
  it('fail a publish or subscription that never got an answer without an unhandled rejection', async () => {
    const redis = await silentRedis();
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    const client = new Redis(redis.url, { retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      handleAdapterCommandFailures(client, 'test');
      // As the adapter does: the promises are dropped.
      void client.publish('channel', 'broadcast');
      void client.psubscribe('channel*');
      void client.subscribe('requests', 'responses');
      const awaited = client.publish('channel', 'awaited');
      client.disconnect();
      await expect(awaited).rejects.toThrow('Connection is closed');
      await new Promise((settled) => setTimeout(settled, 100));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
      redis.sockets.forEach((socket) => socket.destroy());
      redis.server.close();
    }
  });
});
