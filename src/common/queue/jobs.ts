/**
 * Every queue and job Parley runs. A job is enqueued by name through `JobsService`; exactly one
 * `@JobHandler` method handles each name (checked at boot by `JobHandlerRegistry`).
 */
export enum QueueName {
  /** Jobs that failed their last attempt, kept for inspection and manual replay. */
  DeadLetter = 'dead-letter',
  Mail = 'mail',
  Notifications = 'notifications',
  Audit = 'audit',
  Users = 'users',
}

export enum JobName {
  /** Sends one email prepared in the mail outbox (`MailService`); the payload names the outbox entry. */
  SendEmail = 'send-email',
  /** Web Push of a stored message to its offline members' devices (`NotificationsProcessor`). */
  PushNewMessage = 'push-new-message',
  /** Writes an audit record whose first write, off the request path, failed (`AuditProcessor`). */
  WriteAuditRecord = 'write-audit-record',
  /** Deletes audit records past `AUDIT_RETENTION_DAYS`; repeated every `AUDIT_RETENTION_SWEEP_MS`. */
  SweepAuditRecords = 'sweep-audit-records',
  /** Ends a timed suspension at its end (`UsersProcessor`); a stale one (suspension since replaced) does nothing. */
  LiftSuspension = 'lift-suspension',
}

/** Which queue each job runs on. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.SendEmail]: QueueName.Mail,
  [JobName.PushNewMessage]: QueueName.Notifications,
  [JobName.WriteAuditRecord]: QueueName.Audit,
  [JobName.SweepAuditRecords]: QueueName.Audit,
  [JobName.LiftSuspension]: QueueName.Users,
};

/** Payload of each job: ids and small values only, never secrets or message plaintext. */
export interface JobPayloads {
  [JobName.SendEmail]: { outboxId: string };
  /** `pending`: the push subscriptions still to push, set by the first attempt so retries skip the rest. */
  [JobName.PushNewMessage]: { conversationId: string; messageId: string; pending?: string[] };
  [JobName.WriteAuditRecord]: AuditRecordPayload;
  [JobName.SweepAuditRecords]: Record<string, never>;
  [JobName.LiftSuspension]: { userId: string; suspensionId: string };
}

/**
 * An audit record as JSON (ids as hex, `at` as ISO 8601), written as is by every retry. It holds the
 * client's address and user agent, so its job is removed once done; it never holds secrets.
 */
export interface AuditRecordPayload {
  id: string;
  at: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  details: Record<string, string | number | boolean | null>;
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
