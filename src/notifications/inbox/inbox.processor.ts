import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JobHandler } from '../../common/queue/job-handler.decorator';
import { JobProcessor } from '../../common/queue/job-processor';
import { JobName, JobPayloads, QueueName } from '../../common/queue/jobs';
import { pushPending } from '../push-retries';
import { InboxPushService } from './inbox-push.service';
import { InboxRetention } from './inbox-retention.service';
import { InboxSources } from './inbox-sources.service';
import { InboxService } from './inbox.service';

/** Inbox jobs wait mostly on the database and push services, so one instance runs several at once. */
const CONCURRENT_JOBS = 8;

@Processor(QueueName.Inbox, { concurrency: CONCURRENT_JOBS })
export class InboxProcessor extends JobProcessor {
  constructor(
    private readonly sources: InboxSources,
    private readonly inbox: InboxService,
    private readonly pushes: InboxPushService,
    private readonly retention: InboxRetention,
  ) {
    super();
  }

  @JobHandler(JobName.CreateNotifications)
  async create(job: Job<JobPayloads[JobName.CreateNotifications]>): Promise<void> {
    await this.sources.create(job.data);
  }

  /**
   * Like a message's push (NotificationsProcessor): the first attempt picks the subscriptions and stores
   * them in the job, retries push only those still pending. Nothing is pushed once the entry is read or gone.
   */
  @JobHandler(JobName.PushNotification)
  async push(job: Job<JobPayloads[JobName.PushNotification]>): Promise<void> {
    const entry = await this.inbox.unreadEntry(job.data.userId, job.data.notificationId);
    if (!entry) {
      return;
    }
    await pushPending(
      job,
      () => this.pushes.subscriptionsToPush(job.data.userId),
      (pending) => this.pushes.push(entry, pending),
    );
  }

  @JobHandler(JobName.SweepNotifications)
  async sweep(): Promise<void> {
    await this.retention.sweep();
  }
}
