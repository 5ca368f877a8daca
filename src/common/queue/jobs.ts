/**
 * Every queue and job Parley runs. A job is enqueued by name through `JobsService`; exactly one
 * `@JobHandler` method handles each name (checked at boot by `JobHandlerRegistry`).
 */
export enum QueueName {
  /** Jobs that failed their last attempt, kept for inspection and manual replay. */
  DeadLetter = 'dead-letter',
  Mail = 'mail',
  Notifications = 'notifications',
  /** One delayed job per user at a time (job id `digest-<userId>`), removed when the user comes back. */
  EmailDigests = 'email-digests',
  Audit = 'audit',
  Users = 'users',
  Account = 'account',
  Inbox = 'inbox',
  /** Service notifications' fan-out (`POST /notify`), apart so a large request cannot hold up message pushes. */
  ServiceNotify = 'service-notify',
  /** Calls' timers (ring timeout, reconnect grace, liveness) and call pushes; timers are delayed jobs. */
  Calls = 'calls',
  /**
   * Call history (`record-call`), apart from the call timers' `calls` queue: one `@Processor` per queue (a
   * second worker on a queue takes jobs it has no handler for).
   */
  CallHistory = 'call-history',
  /** Deleting uploads at the media host: orphans, and the media of deleted messages. */
  MediaLifecycle = 'media-lifecycle',
  /** Search's re-index: one job cluster-wide (fixed job id `reindex-messages`), hours long on a large store. */
  SearchIndex = 'search-index',
}

export enum JobName {
  /** Sends one email prepared in the mail outbox (`MailService`); the payload names the outbox entry. */
  SendEmail = 'send-email',
  /** Web Push of a stored message to its offline members' devices (`NotificationsProcessor`). */
  PushNewMessage = 'push-new-message',
  /** Emails a user what is still unread after their delay (`EmailDigestProcessor`); nothing unread, no email. */
  SendEmailDigest = 'send-email-digest',
  /** Writes an audit record whose first write, off the request path, failed (`AuditProcessor`). */
  WriteAuditRecord = 'write-audit-record',
  /** Deletes audit records past `AUDIT_RETENTION_DAYS`; repeated every `AUDIT_RETENTION_SWEEP_MS`. */
  SweepAuditRecords = 'sweep-audit-records',
  /** Ends a timed suspension at its end (`UsersProcessor`); a stale one (suspension since replaced) does nothing. */
  LiftSuspension = 'lift-suspension',
  /** Builds a user's data export archive and tells them it is ready (`AccountProcessor`). */
  BuildAccountExport = 'build-account-export',
  /** Deletes an export's archive when its link expires (delayed by `EXPORT_LINK_TTL_HOURS`). */
  ExpireAccountExport = 'expire-account-export',
  /** Erases a deleting account, step by idempotent step; a retry or a rerun resumes it. */
  DeleteAccount = 'delete-account',
  /** Turns one event (a message's mentions and reply, a reaction, members added, a role change) into inbox entries. */
  CreateNotifications = 'create-notifications',
  /** Web Push of one inbox entry to its recipient's devices when they have no socket open. */
  PushNotification = 'push-notification',
  /** Deletes inbox entries past `NOTIFICATION_RETENTION_DAYS`; repeated every `NOTIFICATION_RETENTION_SWEEP_MS`. */
  SweepNotifications = 'sweep-notifications',
  /** Delivers one batch of a service's notify request to its recipients' inboxes (`NotifyProcessor`). */
  DeliverNotifyBatch = 'deliver-notify-batch',
  /** Web Push of a push-only service notification (no `in_app`, so no inbox entry) to one recipient. */
  PushServiceNotification = 'push-service-notification',
  /** Ends a call still unanswered at its ring timeout (job id `ring-<callId>`); a no-op once answered or ended. */
  CallRingTimeout = 'call-ring-timeout',
  /** A participant still disconnected at the end of its reconnect grace leaves the call. */
  CallReconnectGrace = 'call-reconnect-grace',
  /** Marks disconnected the participants whose instance died; reschedules itself while the call is live. */
  CheckCallLiveness = 'check-call-liveness',
  /** Web Push of an incoming call to the rung members who have no socket open. */
  PushIncomingCall = 'push-incoming-call',
  /**
   * Repeated every minute: runs, for every live call, what its timers should have done by now, so a call
   * whose timer jobs were lost (each failed its every attempt while Redis was away) still ends.
   */
  SweepCalls = 'sweep-calls',
  /** Stores an ended call: its record, its `call` message and the missed-call inbox entries (`CallHistoryProcessor`). */
  RecordCall = 'record-call',
  /** Deletes uploads never attached within `UPLOAD_ORPHAN_TTL_HOURS`; repeated every `UPLOAD_ORPHAN_SWEEP_MS`. */
  SweepOrphanUploads = 'sweep-orphan-uploads',
  /** Deletes a deleted message's uploads at the media host, then their records. */
  DeleteMessageMedia = 'delete-message-media',
  /**
   * Indexes every stored message for search under the write key, resuming from its saved progress, then
   * deletes older keys' postings (`SearchReindexProcessor`).
   */
  ReindexMessages = 'reindex-messages',
}

/** Which queue each job runs on. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.SendEmail]: QueueName.Mail,
  [JobName.PushNewMessage]: QueueName.Notifications,
  [JobName.SendEmailDigest]: QueueName.EmailDigests,
  [JobName.WriteAuditRecord]: QueueName.Audit,
  [JobName.SweepAuditRecords]: QueueName.Audit,
  [JobName.LiftSuspension]: QueueName.Users,
  [JobName.BuildAccountExport]: QueueName.Account,
  [JobName.ExpireAccountExport]: QueueName.Account,
  [JobName.DeleteAccount]: QueueName.Account,
  [JobName.CreateNotifications]: QueueName.Inbox,
  [JobName.PushNotification]: QueueName.Inbox,
  [JobName.SweepNotifications]: QueueName.Inbox,
  [JobName.DeliverNotifyBatch]: QueueName.ServiceNotify,
  [JobName.PushServiceNotification]: QueueName.ServiceNotify,
  [JobName.CallRingTimeout]: QueueName.Calls,
  [JobName.CallReconnectGrace]: QueueName.Calls,
  [JobName.CheckCallLiveness]: QueueName.Calls,
  [JobName.PushIncomingCall]: QueueName.Calls,
  [JobName.SweepCalls]: QueueName.Calls,
  [JobName.RecordCall]: QueueName.CallHistory,
  [JobName.SweepOrphanUploads]: QueueName.MediaLifecycle,
  [JobName.DeleteMessageMedia]: QueueName.MediaLifecycle,
  [JobName.ReindexMessages]: QueueName.SearchIndex,
};

/** Payload of each job: ids and small values only, never secrets or message plaintext. */
export interface JobPayloads {
  [JobName.SendEmail]: { outboxId: string };
  /** `pending`: the push subscriptions still to push, set by the first attempt so retries skip the rest. */
  [JobName.PushNewMessage]: { conversationId: string; messageId: string; pending?: string[] };
  [JobName.SendEmailDigest]: { userId: string };
  [JobName.WriteAuditRecord]: AuditRecordPayload;
  [JobName.SweepAuditRecords]: Record<string, never>;
  [JobName.LiftSuspension]: { userId: string; suspensionId: string };
  [JobName.BuildAccountExport]: { exportId: string };
  [JobName.ExpireAccountExport]: { exportId: string };
  [JobName.DeleteAccount]: { userId: string };
  [JobName.CreateNotifications]: NotificationSourcePayload;
  /** `pending`: the push subscriptions still to push, set by the first attempt so retries skip the rest. */
  [JobName.PushNotification]: { userId: string; notificationId: string; pending?: string[] };
  [JobName.SweepNotifications]: Record<string, never>;
  /** `batch`: which slice of the request's recipients (the title and body stay in the request's document). */
  [JobName.DeliverNotifyBatch]: { requestId: string; batch: number };
  /** `pending`: the recipient's push subscriptions still to push (retries push only those). */
  [JobName.PushServiceNotification]: { requestId: string; userId: string; pending: string[] };
  [JobName.CallRingTimeout]: { callId: string };
  /** `disconnectedAt`: the disconnect this grace is for; a later one (or a rejoin) makes it a no-op. */
  [JobName.CallReconnectGrace]: { callId: string; deviceId: string; disconnectedAt: string };
  /** `round`: the check's number, part of its job id (`liveness-<callId>-<round>`). */
  [JobName.CheckCallLiveness]: { callId: string; round: number };
  /** `pending`: the push subscriptions still to push (retries push only those). */
  [JobName.PushIncomingCall]: { callId: string; userIds: string[]; pending?: string[] };
  [JobName.SweepCalls]: Record<string, never>;
  /** The call as it ended (ids, times, reasons: no secrets), so a retry needs nothing that may have expired. */
  [JobName.RecordCall]: { call: EndedCallPayload };
  [JobName.SweepOrphanUploads]: Record<string, never>;
  [JobName.DeleteMessageMedia]: { conversationId: string; messageId: string; uploadIds: string[] };
  /** Where it stands is kept in the index state document, so a retry or a restart resumes there. */
  [JobName.ReindexMessages]: Record<string, never>;
}

/**
 * An ended call as `record-call` carries it: the shape of `EndedCall` (src/calls/calls.events.ts), spelled
 * here because common/ sits below calls; calls checks the two agree where it enqueues.
 */
export interface EndedCallPayload {
  callId: string;
  conversationId: string;
  kind: 'direct' | 'group';
  type: 'audio' | 'video';
  initiatorId: string;
  createdAt: string;
  answeredAt: string | null;
  endedAt: string;
  endReason:
    'ended' | 'rejected' | 'no_answer' | 'busy' | 'unavailable' | 'cancelled' | 'disconnected' | 'failed';
  endedBy: string | null;
  invitedUserIds: string[];
  rejectedUserIds: string[];
  missedUserIds: string[];
  participations: Array<{ userId: string; deviceId: string; joinedAt: string; leftAt: string }>;
}

/** What an inbox job turns into entries: ids, roles and emoji only (never message text). */
export type NotificationSourcePayload =
  | {
      source: 'message';
      conversationId: string;
      messageId: string;
      senderId: string;
      /** Direct `@<userId>` mentions of members. */
      mentions: string[];
      broadcast: 'all' | 'here' | null;
      replyTo: { messageId: string; senderId: string } | null;
    }
  | {
      source: 'reaction';
      conversationId: string;
      messageId: string;
      messageSenderId: string;
      userId: string;
      emoji: string;
    }
  | { source: 'members-added'; conversationId: string; userIds: string[]; addedBy: string; at: string }
  | {
      source: 'role-changed';
      conversationId: string;
      userId: string;
      role: 'owner' | 'admin' | 'member';
      changedBy: string;
      at: string;
    };

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
