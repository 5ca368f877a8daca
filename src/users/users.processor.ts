import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JobHandler } from '../common/queue/job-handler.decorator';
import { JobProcessor } from '../common/queue/job-processor';
import { JobName, JobPayloads, QueueName } from '../common/queue/jobs';
import { UsersService } from './users.service';

@Processor(QueueName.Users)
export class UsersProcessor extends JobProcessor {
  constructor(private readonly users: UsersService) {
    super();
  }

  /** A timed suspension's end; the job is delayed until then and kept by Redis across restarts. */
  @JobHandler(JobName.LiftSuspension)
  async liftSuspension(job: Job<JobPayloads[JobName.LiftSuspension]>): Promise<void> {
    await this.users.liftSuspension(job.data.userId, job.data.suspensionId);
  }
}
