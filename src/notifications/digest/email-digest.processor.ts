import { Processor } from '@nestjs/bullmq';
import { DelayedError, Job } from 'bullmq';
import { JobHandler } from '../../common/queue/job-handler.decorator';
import { JobProcessor } from '../../common/queue/job-processor';
import { JobName, JobPayloads, QueueName } from '../../common/queue/jobs';
import { EmailDigestService } from './email-digest.service';

/** Digests read a little and queue one email each; a few run at once. */
const CONCURRENT_JOBS = 4;

@Processor(QueueName.EmailDigests, { concurrency: CONCURRENT_JOBS })
export class EmailDigestProcessor extends JobProcessor {
  constructor(private readonly digests: EmailDigestService) {
    super();
  }

  /**
   * A run that must wait (quiet hours, or news while it ran) moves its own job back to delayed, keeping its id,
   * so the user still has one countdown and coming back online still removes it. The email itself is its own
   * `send-email` job: an address that refuses it fails that job alone, after its retries.
   */
  @JobHandler(JobName.SendEmailDigest)
  async sendEmailDigest(job: Job<JobPayloads[JobName.SendEmailDigest]>, token?: string): Promise<void> {
    const run = await this.digests.run(job.data.userId);
    if (run.outcome === 'later') {
      await job.moveToDelayed(run.at.getTime(), token);
      throw new DelayedError();
    }
  }
}
