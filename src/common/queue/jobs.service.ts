import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { JobsOptions, Queue } from 'bullmq';
import { JOB_QUEUE, JobName, JobPayloads } from './jobs';

/** Enqueues jobs by name; callers need not know which queue a job runs on. */
@Injectable()
export class JobsService {
  private readonly logger = new Logger(JobsService.name);

  constructor(private readonly moduleRef: ModuleRef) {}

  async enqueue<N extends JobName>(name: N, data: JobPayloads[N], options?: JobsOptions): Promise<void> {
    await this.queueOf(name).add(String(name), data, options);
  }

  /**
   * Runs a job every `everyMs`, across all instances: BullMQ keeps one schedule per job name, so every
   * instance may set it at boot (the last one's interval wins) and each run goes to one worker. Not awaited
   * by its callers: boot does not wait for Redis to take the schedule, and a failure is only logged (the
   * next instance to boot sets it).
   */
  repeat<N extends JobName>(name: N, data: JobPayloads[N], everyMs: number): void {
    this.queueOf(name)
      .upsertJobScheduler(String(name), { every: everyMs }, { name: String(name), data })
      .catch((error: unknown) =>
        this.logger.warn(`Repeated job ${name} not scheduled: ${(error as Error).message}`),
      );
  }

  private queueOf(name: JobName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(JOB_QUEUE[name]), { strict: false });
  }
}
