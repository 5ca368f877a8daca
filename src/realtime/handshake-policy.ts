import { Logger } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { clientAddressResolver } from '../common/http/client-address';

export type HandshakeVerdict = { allowed: true } | { allowed: false; reason: string };

/**
 * Decides whether an Engine.IO handshake may proceed, before any Socket.IO work happens:
 * - browsers must come from an allowed origin (Socket.IO's `cors` option only covers long-polling, so a
 *   WebSocket from any site would otherwise be accepted: cross-site WebSocket hijacking): a CORS_ORIGINS
 *   entry, or the host the request was sent to (the web client Parley serves at `/`);
 * - one client address gets a bounded number of handshakes per minute, counted in Redis across instances.
 * Clients without an Origin header (native apps, servers) are not browsers and are not origin-checked.
 */
export class HandshakePolicy {
  private readonly logger = new Logger(HandshakePolicy.name);
  private readonly clientAddress: (request: IncomingMessage) => string;
  private warnedRedisDown = false;

  constructor(
    private readonly config: AppConfig,
    private readonly redis: Redis,
  ) {
    this.clientAddress = clientAddressResolver(config.http.trustProxy);
  }

  async check(request: IncomingMessage): Promise<HandshakeVerdict> {
    const origin = request.headers.origin;
    if (
      origin !== undefined &&
      !this.config.http.corsOrigins.includes(origin) &&
      !isSameHost(origin, request.headers.host)
    ) {
      return { allowed: false, reason: 'origin not allowed' };
    }
    const address = this.clientAddress(request);
    if (!(await this.withinRate(address))) {
      return { allowed: false, reason: 'too many handshakes' };
    }
    return { allowed: true };
  }

  private async withinRate(address: string): Promise<boolean> {
    const window = Math.floor(Date.now() / 60_000);
    const key = `${this.config.redis.keyPrefix}:handshakes:${address}:${window}`;
    try {
      const [[, count]] = (await this.redis.multi().incr(key).pexpire(key, 60_000).exec()) as [
        [Error | null, number],
      ];
      this.warnedRedisDown = false;
      return count <= this.config.realtime.handshakesPerMinute;
    } catch (error) {
      // Failing closed would lock every client out during a Redis blip; the socket itself reports the outage.
      if (!this.warnedRedisDown) {
        this.warnedRedisDown = true;
        this.logger.warn(`Handshake rate limit not enforced, Redis unavailable: ${(error as Error).message}`);
      }
      return true;
    }
  }
}

/**
 * Whether a browser's Origin names the host its request was sent to. Host names only: behind Nginx the
 * page's scheme is https while the app sees http, and `proxy_set_header Host $host` drops the port.
 */
function isSameHost(origin: string, host: string | undefined): boolean {
  if (host === undefined || !URL.canParse(origin) || !URL.canParse(`http://${host}`)) {
    return false;
  }
  return new URL(origin).hostname === new URL(`http://${host}`).hostname;
}
