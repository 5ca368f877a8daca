import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '../../common/redis/redis.constants';
import { LockTiming, runLocked } from '../../common/redis/redis-lock';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { SearchError, SearchErrorCode } from '../search.errors';

// Held 30 s at most (a flush of a large batch or a re-index batch), waited for as long.
const TIMING: LockTiming = { holdMs: 30_000, waitMs: 30_000, retryMs: 20 };

/**
 * Serialises writes to one conversation's postings across instances (the live indexer and the re-index job):
 * FerretDB applies concurrent updates of one document ($addToSet, $pullAll, sealing) non-atomically across
 * connections, so two writers could lose each other's entries.
 */
@Injectable()
export class SearchIndexLock {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  run<T>(conversationId: string, task: () => Promise<T>): Promise<T> {
    return runLocked(
      this.redis,
      `${this.config.redis.keyPrefix}:search:index:${conversationId}`,
      TIMING,
      () => new SearchError(SearchErrorCode.IndexBusy),
      task,
    );
  }
}
