import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JobHandler } from '../common/queue/job-handler.decorator';
import { JobProcessor } from '../common/queue/job-processor';
import { JobName, JobPayloads, QueueName } from '../common/queue/jobs';
import { AccountDeletionService } from './account-deletion.service';
import { AccountExportsService } from './account-exports.service';

@Processor(QueueName.Account)
export class AccountProcessor extends JobProcessor {
  constructor(
    private readonly exports: AccountExportsService,
    private readonly deletion: AccountDeletionService,
  ) {
    super();
  }

  /** A build that fails its last attempt marks the export failed, so the user may ask again at once. */
  @JobHandler(JobName.BuildAccountExport)
  async buildExport(job: Job<JobPayloads[JobName.BuildAccountExport]>): Promise<void> {
    try {
      await this.exports.build(job.data.exportId);
    } catch (error) {
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        await this.exports.failed(job.data.exportId);
      }
      throw error;
    }
  }

  @JobHandler(JobName.ExpireAccountExport)
  async expireExport(job: Job<JobPayloads[JobName.ExpireAccountExport]>): Promise<void> {
    await this.exports.expire(job.data.exportId);
  }

  @JobHandler(JobName.DeleteAccount)
  async deleteAccount(job: Job<JobPayloads[JobName.DeleteAccount]>): Promise<void> {
    await this.deletion.run(job.data.userId);
  }
}
