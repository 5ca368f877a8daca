import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JobHandler } from '../common/queue/job-handler.decorator';
import { JobProcessor } from '../common/queue/job-processor';
import { JobName, JobPayloads, QueueName } from '../common/queue/jobs';
import { UploadLifecycle } from './upload-lifecycle.service';

@Processor(QueueName.MediaLifecycle)
export class UploadLifecycleProcessor extends JobProcessor {
  constructor(private readonly lifecycle: UploadLifecycle) {
    super();
  }

  @JobHandler(JobName.SweepOrphanUploads)
  async sweep(): Promise<void> {
    await this.lifecycle.sweepOrphans();
  }

  @JobHandler(JobName.DeleteMessageMedia)
  async deleteMessageMedia(job: Job<JobPayloads[JobName.DeleteMessageMedia]>): Promise<void> {
    await this.lifecycle.deleteMessageMedia(job.data);
  }
}
