import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { DeadLetterService } from './dead-letter.service';
import { handledJobs } from './job-handler.decorator';

/**
 * Base of every BullMQ processor: dispatches a job to its `@JobHandler` method, and hands a job that
 * failed its last attempt to the dead-letter queue.
 */
export abstract class JobProcessor extends WorkerHost {
  @Inject(DeadLetterService) private readonly deadLetters!: DeadLetterService;
  private readonly workerLogger = new Logger(this.constructor.name);
  private handlers?: Map<string, string>;

  /** `token`: the worker's lock on the job, which a handler needs to move its job back to delayed. */
  async process(job: Job, token?: string): Promise<unknown> {
    this.handlers ??= handledJobs(this);
    const method = this.handlers.get(job.name);
    if (!method) {
      throw new Error(`No handler for job "${job.name}" on queue "${job.queueName}"`);
    }
    const handler = (this as unknown as Record<string, (job: Job, token?: string) => Promise<unknown>>)[
      method
    ];
    return handler.call(this, job, token);
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (job && this.deadLetters.isFinalFailure(job)) {
      await this.deadLetters.capture(job, error);
    }
  }

  /**
   * A worker reports a lost Redis connection (or one closed under it at shutdown) as an `error` event and
   * reconnects by itself; without a listener that event would be an unhandled error.
   */
  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.workerLogger.warn(`Queue worker: ${error.message}`);
  }
}
