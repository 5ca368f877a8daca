import { Injectable, Logger } from '@nestjs/common';

/**
 * Work that outlives the call that started it (socket disconnect bookkeeping, periodic upkeep, delivery
 * pointers). Shutdown drains it before Redis and MongoDB close, so nothing runs against a closed connection.
 */
@Injectable()
export class BackgroundWork {
  private readonly logger = new Logger(BackgroundWork.name);
  private readonly running = new Set<Promise<unknown>>();
  private draining = false;

  /** Starts `work` detached from the caller; a failure is logged, never thrown. Refused while draining. */
  run(what: string, work: () => Promise<unknown>): void {
    if (this.draining) {
      return;
    }
    this.track(work()).catch((error: unknown) =>
      this.logger.warn(`${what} failed: ${(error as Error).message}`),
    );
  }

  /** Lets shutdown wait for a promise someone else awaits (even one started while draining). */
  track<T>(promise: Promise<T>): Promise<T> {
    this.running.add(promise);
    const forget = () => this.running.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  /** Refuses new detached work and waits until everything started so far has settled. */
  async drain(): Promise<void> {
    this.draining = true;
    while (this.running.size > 0) {
      await Promise.allSettled([...this.running]);
    }
  }
}
