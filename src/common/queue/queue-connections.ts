import { getQueueToken, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, ModuleRef } from '@nestjs/core';
import { Queue, Worker } from 'bullmq';
import { QueueName } from './jobs';

/** How long shutdown waits for BullMQ connections still being set up (Redis may be down). */
const SETTLE_TIMEOUT_MS = 2000;

/**
 * Keeps BullMQ's connection failures from ending the process:
 * - a queue reports a lost Redis connection as an `error` event and reconnects by itself; it is logged;
 * - BullMQ's `close()` drops a connection's listeners even while the connection is still being set up,
 *   and that setup then fails ("Connection is closed") as an unhandled error. A short-lived process (the
 *   CLI, a test app) can close that early, so shutdown first lets every queue and worker finish connecting.
 */
@Injectable()
export class QueueConnections implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('Queue');

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly discovery: DiscoveryService,
  ) {}

  onModuleInit(): void {
    for (const [name, queue] of this.queues()) {
      queue.on('error', (error: Error) => this.logger.warn(`Queue ${name}: ${error.message}`));
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    const connecting = [...this.queues().values(), ...this.workers()].map((client) =>
      client.waitUntilReady().catch(() => undefined),
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((done) => (timer = setTimeout(done, SETTLE_TIMEOUT_MS)));
    await Promise.race([Promise.all(connecting), timeout]);
    clearTimeout(timer);
  }

  private queues(): Map<QueueName, Queue> {
    return new Map(
      Object.values(QueueName).map((name) => [
        name,
        this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }),
      ]),
    );
  }

  private workers(): Worker[] {
    return this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost)
      .map((host) => host.worker);
  }
}
