import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';

// The commands the Socket.IO Redis adapter sends without awaiting them.
const FIRE_AND_FORGET = ['publish', 'subscribe', 'psubscribe', 'unsubscribe', 'punsubscribe'] as const;

/**
 * The adapter discards the promises of its publishes and subscriptions
 * (socketio/socket.io-redis-adapter#513), so one that fails rejects unhandled, and Node ends the process on
 * an unhandled rejection: a broadcast queued during a Redis outage longer than ioredis's retries, or a
 * subscription still pending at shutdown. This gives each such promise a handler that logs the first failure
 * until the connection is ready again. What a lost broadcast carried is stored; clients catch up by seq and
 * `/sync`.
 */
export function handleAdapterCommandFailures(client: Redis, name: string): void {
  const logger = new Logger(`RedisAdapter:${name}`);
  let reported = false;
  client.on('ready', () => (reported = false));
  const commands = client as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const command of FIRE_AND_FORGET) {
    const send = commands[command].bind(client);
    // One handler per command, not a closure per publish: broadcasts are on the send path.
    const report = (error: Error) => {
      if (!reported) {
        reported = true;
        logger.warn(`${command} failed: ${error.message}`);
      }
    };
    commands[command] = (...args: unknown[]) => {
      const sent = send(...args);
      sent.catch(report);
      return sent;
    };
  }
}
