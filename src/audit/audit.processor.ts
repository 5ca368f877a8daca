import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JobHandler } from '../common/queue/job-handler.decorator';
import { JobProcessor } from '../common/queue/job-processor';
import { JobName, JobPayloads, QueueName } from '../common/queue/jobs';
import { AuditRetention } from './audit-retention.service';
import { AuditService } from './audit.service';

@Processor(QueueName.Audit)
export class AuditProcessor extends JobProcessor {
  constructor(
    private readonly audit: AuditService,
    private readonly retention: AuditRetention,
  ) {
    super();
  }

  /** A record whose first write failed; a failure throws into BullMQ's backoff, then the dead-letter queue. */
  @JobHandler(JobName.WriteAuditRecord)
  async writeRecord(job: Job<JobPayloads[JobName.WriteAuditRecord]>): Promise<void> {
    await this.audit.writeQueued(job.data);
  }

  @JobHandler(JobName.SweepAuditRecords)
  async sweep(): Promise<void> {
    await this.retention.sweep();
  }
}
