import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { DeadLetter, QueueName } from './jobs';

/** Moves jobs that failed their last attempt to the dead-letter queue, so nothing fails silently. */
@Injectable()
export class DeadLetterService {
  private readonly logger = new Logger(DeadLetterService.name);

  constructor(@InjectQueue(QueueName.DeadLetter) private readonly deadLetters: Queue<DeadLetter>) {}

  isFinalFailure(job: Job): boolean {
    return job.attemptsMade >= (job.opts.attempts ?? 1);
  }

  async capture(job: Job, error: Error): Promise<void> {
    this.logger.error(
      {
        queue: job.queueName,
        jobId: job.id,
        job: job.name,
        attempts: job.attemptsMade,
        reason: error.message,
      },
      'Job failed for good; moved to the dead-letter queue',
    );
    await this.deadLetters.add(job.name, {
      queue: job.queueName,
      jobId: job.id,
      name: job.name,
      data: job.data,
      failedReason: error.message,
      attemptsMade: job.attemptsMade,
      failedAt: new Date().toISOString(),
    });
  }
}
