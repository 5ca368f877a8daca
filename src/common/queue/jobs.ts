/**
 * Every queue and job Parley runs. A job is enqueued by name through `JobsService`; exactly one
 * `@JobHandler` method handles each name (checked at boot by `JobHandlerRegistry`).
 */
export enum QueueName {
  /** Jobs that failed their last attempt, kept for inspection and manual replay. */
  DeadLetter = 'dead-letter',
  Mail = 'mail',
  Notifications = 'notifications',
}

export enum JobName {
  /** Sends one email prepared in the mail outbox (`MailService`); the payload names the outbox entry. */
  SendEmail = 'send-email',
  /** Web Push of a stored message to its offline members' devices (`NotificationsProcessor`). */
  PushNewMessage = 'push-new-message',
}

/** Which queue each job runs on. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.SendEmail]: QueueName.Mail,
  [JobName.PushNewMessage]: QueueName.Notifications,
};

/** Payload of each job: ids and small values only, never secrets or message plaintext. */
export interface JobPayloads {
  [JobName.SendEmail]: { outboxId: string };
  /** `pending`: the push subscriptions still to push, set by the first attempt so retries skip the rest. */
  [JobName.PushNewMessage]: { conversationId: string; messageId: string; pending?: string[] };
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
