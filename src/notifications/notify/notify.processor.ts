import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JobHandler } from '../../common/queue/job-handler.decorator';
import { JobProcessor } from '../../common/queue/job-processor';
import { JobName, JobPayloads, QueueName } from '../../common/queue/jobs';
import { pushPending } from '../push-retries';
import { NotifyDelivery } from './notify-delivery.service';

/** Batches wait mostly on the database and push services, so one instance runs a few at once. */
const CONCURRENT_JOBS = 4;

@Processor(QueueName.ServiceNotify, { concurrency: CONCURRENT_JOBS })
export class NotifyProcessor extends JobProcessor {
  constructor(private readonly notify: NotifyDelivery) {
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

  /** Like an inbox entry's push: retries push only the subscriptions that failed (429, 5xx, network). */
  @JobHandler(JobName.PushServiceNotification)
  async push(job: Job<JobPayloads[JobName.PushServiceNotification]>): Promise<void> {
    // The subscriptions were picked when the batch queued the job.
    await pushPending(
      job,
      async () => [],
      (pending) => this.notify.pushOnly(job.data.requestId, pending),
    );
  }
}
