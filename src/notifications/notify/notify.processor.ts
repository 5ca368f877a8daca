import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JobHandler } from '../../common/queue/job-handler.decorator';
import { JobProcessor } from '../../common/queue/job-processor';
import { JobName, JobPayloads, QueueName } from '../../common/queue/jobs';
import { NotifyService } from './notify.service';

/** Batches wait mostly on the database and push services, so one instance runs a few at once. */
const CONCURRENT_JOBS = 4;

@Processor(QueueName.ServiceNotify, { concurrency: CONCURRENT_JOBS })
export class NotifyProcessor extends JobProcessor {
  constructor(private readonly notify: NotifyService) {
    super();
  }

  /**
   * One batch of a request's recipients. A retry (some delivery failed) or a rerun (a crash) redelivers the
   * batch: each delivery is deduplicated by the inbox (one source per request), and the batch is counted
   * once, by the request's `doneBatches`.
   */
  @JobHandler(JobName.DeliverNotifyBatch)
  async deliverBatch(job: Job<JobPayloads[JobName.DeliverNotifyBatch]>): Promise<void> {
    await this.notify.deliverBatch(job.data.requestId, job.data.batch);
  }
}
