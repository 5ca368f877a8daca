import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { deleteInBatches } from '../common/database/batched-delete';
import { JobName } from '../common/queue/jobs';
import { JobsService } from '../common/queue/jobs.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AuditRepository } from './audit.repository';

const DAY_MS = 86_400_000;

/**
 * Keeps audit records for `AUDIT_RETENTION_DAYS`. A scheduled BullMQ job deletes older ones rather than a
 * TTL index, which FerretDB v1 does not have.
 */
@Injectable()
export class AuditRetention implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuditRetention.name);

  constructor(
    private readonly repository: AuditRepository,
    private readonly jobs: JobsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Boot does not wait for Redis to take the schedule, nor does shutdown: while Redis is unreachable the
   * call waits for it, and closing the queue ends it.
   */
  onApplicationBootstrap(): void {
    this.jobs.repeat(JobName.SweepAuditRecords, {}, this.config.audit.retentionSweepMs);
  }

  /** Deletes records older than the retention period; answers how many went. */
  async sweep(): Promise<number> {
    const cutoff = new Date(Date.now() - this.config.audit.retentionDays * DAY_MS);
    const deleted = await deleteInBatches((limit) => this.repository.deleteBefore(cutoff, limit));
    if (deleted > 0) {
      this.logger.log(`Deleted ${deleted} audit record(s) made before ${cutoff.toISOString()}`);
    }
    return deleted;
  }
}
