/**
 * Every queue and job Parley runs. A job is enqueued by name through `JobsService`; exactly one
 * `@JobHandler` method handles each name (checked at boot by `JobHandlerRegistry`).
 */
export enum QueueName {
  /** Jobs that failed their last attempt, kept for inspection and manual replay. */
  DeadLetter = 'dead-letter',
  Mail = 'mail',
}

export enum JobName {
  /** Sends one email prepared in the mail outbox (`MailService`); the payload names the outbox entry. */
  SendEmail = 'send-email',
}

/** Which queue each job runs on. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.SendEmail]: QueueName.Mail,
};

/** Payload of each job: ids and small values only, never secrets or message plaintext. */
export interface JobPayloads {
  [JobName.SendEmail]: { outboxId: string };
}

/** What the dead-letter queue keeps of a job that failed for good. */
export interface DeadLetter {
  queue: string;
  jobId: string | undefined;
  name: string;
  data: unknown;
  failedReason: string;
  attemptsMade: number;
  failedAt: string;
}
