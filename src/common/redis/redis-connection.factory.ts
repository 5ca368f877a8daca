import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';
import { BackgroundWork } from '../lifecycle/background-work';
import { APP_CONFIG, AppConfig } from '../../config/app-config';

// Reconnect quickly at first, then every 2 s at most, forever: an outage must heal without a restart.
const retryStrategy = (attempt: number): number => Math.min(100 * 2 ** Math.min(attempt, 5), 2000);

/**
 * The one place Redis connections are made. BullMQ, the Socket.IO adapter, rate limiting and caches all
 * get theirs here, with the same reconnect settings, and all are closed on shutdown.
 */
@Injectable()
export class RedisConnectionFactory implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisConnectionFactory.name);
  private readonly connections = new Set<Redis>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly background: BackgroundWork,
  ) {}

  create(name: string, overrides: RedisOptions = {}): Redis {
    const connection = new Redis(this.config.redis.url, {
      connectionName: `parley:${name}`,
      retryStrategy,
      reconnectOnError: (error) => error.message.startsWith('READONLY'),
      ...overrides,
    });
    let reportedDown = false;
    connection.on('error', (error: Error) => {
      if (!reportedDown) {
        reportedDown = true;
        this.logger.warn(`Redis connection "${name}" failed: ${error.message}; reconnecting`);
      }
    });
    connection.on('ready', () => {
      if (reportedDown) {
        reportedDown = false;
        this.logger.log(`Redis connection "${name}" is back`);
      }
    });
    this.connections.add(connection);
    return connection;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.background.drain(); // already done when a socket server ran; needed for the CLI and workers
    const open = [...this.connections].filter((connection) => connection.status !== 'end');
    await Promise.all(open.map((connection) => connection.quit().catch(() => connection.disconnect())));
    this.connections.clear();
  }
}
