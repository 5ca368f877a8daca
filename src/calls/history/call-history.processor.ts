import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JobHandler } from '../../common/queue/job-handler.decorator';
import { JobProcessor } from '../../common/queue/job-processor';
import { JobName, JobPayloads, QueueName } from '../../common/queue/jobs';
import { CallHistoryService } from './call-history.service';

@Processor(QueueName.CallHistory)
export class CallHistoryProcessor extends JobProcessor {
  constructor(private readonly history: CallHistoryService) {
    super();
  }

  @JobHandler(JobName.RecordCall)
  async record(job: Job<JobPayloads[JobName.RecordCall]>): Promise<void> {
    await this.history.record(job.data.call);
  }
}
