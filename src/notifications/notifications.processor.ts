import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JobHandler } from '../common/queue/job-handler.decorator';
import { JobProcessor } from '../common/queue/job-processor';
import { JobName, JobPayloads, QueueName } from '../common/queue/jobs';
import { PushDeliveryService } from './push-delivery.service';
import { pushPending } from './push-retries';

/** Pushes mostly wait on push services, so one instance works on several messages at once. */
const CONCURRENT_JOBS = 8;

@Processor(QueueName.Notifications, { concurrency: CONCURRENT_JOBS })
export class NotificationsProcessor extends JobProcessor {
  constructor(private readonly delivery: PushDeliveryService) {
    super();
  }

  /**
   * One job per message, not per subscription: a group's message costs one job, one member load and one
   * presence lookup. Retries must not push a device twice, so the first attempt picks the subscriptions and
   * stores their ids in the job before pushing; each attempt pushes only those still pending and writes back
   * the ones to try again (429, 5xx, network) before failing into BullMQ's backoff. Gone (404/410)
   * subscriptions are deleted; other refusals are logged and dropped.
   */
  @JobHandler(JobName.PushNewMessage)
  async pushNewMessage(job: Job<JobPayloads[JobName.PushNewMessage]>): Promise<void> {
    const message = await this.delivery.messageOf(job.data);
    if (!message) {
      return;
    }
    await pushPending(
      job,
      () => this.delivery.subscriptionsToPush(message),
      (pending) => this.delivery.push(message, pending),
    );
  }
}
