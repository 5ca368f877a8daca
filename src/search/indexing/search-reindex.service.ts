import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import { BackgroundWork } from '../../common/lifecycle/background-work';
import { JobName, QueueName } from '../../common/queue/jobs';
import { JobsService } from '../../common/queue/jobs.service';
import { SearchKeyring } from '../blind-index/search-keyring';
import { SearchIndexStateRepository } from './search-index-state.repository';
import { ReindexProgress } from './search-index-state.schema';
import { freshProgress, needsBuild } from './search-reindexer';

/** One build job cluster-wide: BullMQ adds nothing under an id that is queued or running already. */
export const REINDEX_JOB_ID = 'reindex-messages';
/** Job states in which the build is still to run or running. */
const UNFINISHED = new Set(['active', 'waiting', 'delayed', 'prioritized', 'waiting-children']);

/** Queues the re-index: at boot when the write key has no completed build, and on an operator's command. */
@Injectable()
export class SearchReindexService implements OnApplicationBootstrap {
  private readonly logger = new Logger('SearchReindex');

  constructor(
    private readonly state: SearchIndexStateRepository,
    private readonly keyring: SearchKeyring,
    private readonly jobs: JobsService,
    private readonly background: BackgroundWork,
    @InjectQueue(QueueName.SearchIndex) private readonly queue: Queue,
  ) {}

  /** Not awaited: boot does not wait on the database or Redis for it; the next boot tries again. */
  onApplicationBootstrap(): void {
    this.background.run('Search index check', async () => {
      if (await this.ensureBuilt()) {
        this.logger.log(`Search re-index queued: key ${this.keyring.writeKeyId} has no completed build`);
      }
    });
  }

  /**
   * Records the write key as used (before postings are written under it, so a later build can delete them)
   * and queues a build unless one completed under it. True when a build is queued.
   */
  async ensureBuilt(): Promise<boolean> {
    await this.state.registerKey(this.keyring.writeKeyId);
    if (!needsBuild(await this.state.get(), this.keyring.writeKeyId)) {
      return false;
    }
    await this.queueBuild();
    return true;
  }

  /**
   * `search:reindex`: indexes every message again from the start, reporting its progress, after any build
   * already queued or running has finished (one build at a time). Resolves once done; rejects when the build
   * failed its last attempt.
   */
  async rebuild(report: (progress: ReindexProgress) => void, pollMs = 1000): Promise<void> {
    const keyId = this.keyring.writeKeyId;
    while (await this.isUnfinished()) {
      await sleep(pollMs);
    }
    await this.state.registerKey(keyId);
    await this.state.saveProgress(freshProgress(keyId));
    await this.queueBuild();
    let reported: ReindexProgress | null = null;
    for (;;) {
      await sleep(pollMs);
      // Only a completed build clears the progress saved above.
      const state = await this.state.get();
      if (!state?.progress && state?.completed?.keyId === keyId) {
        return;
      }
      if (state?.progress && state.progress.messages !== reported?.messages) {
        reported = state.progress;
        report(reported);
      }
      const job = await this.queue.getJob(REINDEX_JOB_ID);
      if (job && (await job.isFailed())) {
        throw new Error(`search re-index failed: ${job.failedReason}`);
      }
    }
  }

  private async isUnfinished(): Promise<boolean> {
    const job = await this.queue.getJob(REINDEX_JOB_ID);
    return job !== undefined && UNFINISHED.has(await job.getState());
  }

  /** A finished job (kept after failing) would make BullMQ ignore the new one under its id: it goes first. */
  private async queueBuild(): Promise<void> {
    const job = await this.queue.getJob(REINDEX_JOB_ID);
    if (job && !UNFINISHED.has(await job.getState())) {
      // Another instance may be doing the same: a failed removal leaves the job to that one.
      await job.remove().catch(() => undefined);
    }
    await this.jobs.enqueue(JobName.ReindexMessages, {}, { jobId: REINDEX_JOB_ID, removeOnComplete: true });
  }
}
