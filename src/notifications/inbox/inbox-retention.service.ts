import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { deleteInBatches } from '../../common/database/batched-delete';
import { JobName } from '../../common/queue/jobs';
import { JobsService } from '../../common/queue/jobs.service';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { InboxRepository } from './inbox.repository';

/**
 * Keeps inbox entries for `NOTIFICATION_RETENTION_DAYS` after their last event, read or not. A scheduled
 * BullMQ job deletes older ones rather than a TTL index, which FerretDB v1 does not have.
 */
@Injectable()
export class InboxRetention implements OnApplicationBootstrap {
  private readonly logger = new Logger(InboxRetention.name);

  constructor(
    private readonly repository: InboxRepository,
    private readonly jobs: JobsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Boot does not wait for Redis to take the schedule (see JobsService.repeat). */
  onApplicationBootstrap(): void {
    this.jobs.repeat(JobName.SweepNotifications, {}, this.config.inbox.retentionSweepMs);
  }

  /** Deletes entries older than the retention period; answers how many went. */
  async sweep(): Promise<number> {
    const cutoff = new Date(Date.now() - this.config.inbox.retentionMs);
    const deleted = await deleteInBatches((limit) => this.repository.deleteBefore(cutoff, limit));
    if (deleted > 0) {
      this.logger.log(`Deleted ${deleted} notification(s) last changed before ${cutoff.toISOString()}`);
    }
    return deleted;
  }
}
