import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JobName } from '../common/queue/jobs';
import { JobsService } from '../common/queue/jobs.service';
import { REDIS } from '../common/redis/redis.constants';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  /** An HTML alternative of `text`. */
  html?: string;
  /** Extra headers (`List-Unsubscribe`...); nodemailer encodes their values. */
  headers?: Record<string, string>;
}

/**
 * Emails are rendered when they are queued and parked in a Redis outbox entry that expires with the
 * link they carry; the job payload holds only the entry id, so no token sits in BullMQ's job data,
 * logs or dead-letter queue.
 */
@Injectable()
export class MailService {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly jobs: JobsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async queue(email: OutgoingEmail, ttlSeconds: number): Promise<void> {
    const outboxId = randomUUID();
    await this.redis.set(this.outboxKey(outboxId), JSON.stringify(email), 'EX', ttlSeconds);
    await this.jobs.enqueue(JobName.SendEmail, { outboxId }, { jobId: outboxId });
  }

  async outboxEntry(outboxId: string): Promise<OutgoingEmail | undefined> {
    const raw = await this.redis.get(this.outboxKey(outboxId));
    return raw === null ? undefined : (JSON.parse(raw) as OutgoingEmail);
  }

  async sent(outboxId: string): Promise<void> {
    await this.redis.del(this.outboxKey(outboxId));
  }

  private outboxKey(id: string): string {
    return `${this.config.redis.keyPrefix}:mail:outbox:${id}`;
  }
}
