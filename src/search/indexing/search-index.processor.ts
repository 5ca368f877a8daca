import { Processor } from '@nestjs/bullmq';
import { DelayedError, Job } from 'bullmq';
import { JobHandler } from '../../common/queue/job-handler.decorator';
import { JobProcessor } from '../../common/queue/job-processor';
import { JobName, JobPayloads, QueueName } from '../../common/queue/jobs';
import { SearchReindexer } from './search-reindexer';

/** One build at a time (the default concurrency of 1; the fixed job id keeps it to one cluster-wide). */
@Processor(QueueName.SearchIndex)
export class SearchIndexProcessor extends JobProcessor {
  constructor(private readonly reindexer: SearchReindexer) {
    super();
  }

  /**
   * Stopped by this instance's shutdown, the build goes back to the queue at once (not counted as a failed
   * attempt), for another instance, or this one once restarted, to resume from its saved progress.
   */
  @JobHandler(JobName.ReindexMessages)
  async reindex(job: Job<JobPayloads[JobName.ReindexMessages]>, token?: string): Promise<void> {
    if ((await this.reindexer.run()) === 'stopped') {
      await job.moveToDelayed(Date.now(), token);
      throw new DelayedError();
    }
  }
}
