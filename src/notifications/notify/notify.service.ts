import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { AuditAction, AuditTargetType } from '../../audit/audit-action';
import { AuditService } from '../../audit/audit.service';
import { ApiKeyCaller } from '../../common/auth/api-key-caller';
import { JobName } from '../../common/queue/jobs';
import { JobsService } from '../../common/queue/jobs.service';
import { UserStatus } from '../../users/user.schema';
import { UsersService } from '../../users/users.service';
import {
  NotifyAcceptedResponse,
  NotifyInput,
  NotifyProgressResponse,
  NotifyStatus,
  requestFingerprint,
} from './notify.dto';
import { NotifyError, NotifyErrorCode } from './notify.errors';
import {
  notifyRequestIdFor,
  NotifyRequestRecord,
  NotifyRequestsRepository,
} from './notify-requests.repository';

/** Recipients per fan-out job: a job's retry redoes at most this many deliveries (each deduplicated). */
export const NOTIFY_BATCH_SIZE = 100;
const GONE = new Set([UserStatus.Deleting, UserStatus.Deleted]);

/**
 * The service notify API: stores a request once per (API key, idempotency key) and fans it out in BullMQ
 * batch jobs (`NotifyProcessor`, `NotifyDelivery`), whose ids derive from the request, so resends, retries
 * and restarts never notify anyone twice.
 */
@Injectable()
export class NotifyService {
  constructor(
    private readonly requests: NotifyRequestsRepository,
    private readonly users: UsersService,
    private readonly jobs: JobsService,
    private readonly audit: AuditService,
  ) {}

  async send(apiKey: ApiKeyCaller, input: NotifyInput): Promise<NotifyAcceptedResponse> {
    const id = notifyRequestIdFor(apiKey.keyId, input.idempotencyKey);
    const fingerprint = requestFingerprint(input);
    const existing = await this.requests.findById(id);
    if (existing) {
      return this.resend(existing, apiKey, input.idempotencyKey, fingerprint);
    }
    const record = await this.newRecord(id, apiKey, input, fingerprint);
    if (!(await this.requests.insert(record))) {
      const winner = await this.requests.findById(id);
      if (!winner) {
        throw new Error(`Notify request ${id.toHexString()} collided on insert but cannot be read`);
      }
      return this.resend(winner, apiKey, input.idempotencyKey, fingerprint);
    }
    await this.enqueue(record);
    this.recordUse(apiKey, record, false);
    return acceptedOf(record);
  }

  /** A request's progress, for the key that sent it only (to any other key it does not exist). */
  async progress(apiKey: ApiKeyCaller, id: string): Promise<NotifyProgressResponse> {
    const record = await this.requests.findById(new Types.ObjectId(id));
    if (!record || !record.apiKeyId.equals(apiKey.keyId)) {
      throw new NotifyError(NotifyErrorCode.RequestNotFound);
    }
    return progressOf(record);
  }

  /**
   * The same request again answers as the first time did. Its batches are enqueued again unless it
   * completed: a job already queued or kept keeps its id and is not added twice, and a batch already counted
   * is skipped, so a resend after a crash between storing and enqueueing finishes the request, never repeats it.
   */
  private async resend(
    existing: NotifyRequestRecord,
    apiKey: ApiKeyCaller,
    idempotencyKey: string,
    fingerprint: string,
  ): Promise<NotifyAcceptedResponse> {
    if (
      !existing.apiKeyId.equals(apiKey.keyId) ||
      existing.idempotencyKey !== idempotencyKey ||
      existing.fingerprint !== fingerprint
    ) {
      throw new NotifyError(NotifyErrorCode.IdempotencyKeyReused);
    }
    if (existing.status !== NotifyStatus.Completed) {
      await this.enqueue(existing);
    }
    this.recordUse(apiKey, existing, true);
    return acceptedOf(existing);
  }

  private async newRecord(
    _id: Types.ObjectId,
    apiKey: ApiKeyCaller,
    input: NotifyInput,
    fingerprint: string,
  ): Promise<NotifyRequestRecord> {
    const found = await this.users.findByIds(input.userIds);
    const known = new Set(
      found.filter((user) => !GONE.has(user.status)).map((user) => user._id.toHexString()),
    );
    const recipients = input.userIds.filter((userId) => known.has(userId));
    const batches = Math.ceil(recipients.length / NOTIFY_BATCH_SIZE);
    const now = new Date();
    return {
      _id,
      apiKeyId: new Types.ObjectId(apiKey.keyId),
      idempotencyKey: input.idempotencyKey,
      fingerprint,
      title: input.title,
      body: input.body,
      data: input.data ?? null,
      channels: input.channels,
      recipients: recipients.map((userId) => new Types.ObjectId(userId)),
      unknownUserIds: input.userIds.filter((userId) => !known.has(userId)),
      total: input.userIds.length,
      batches,
      doneBatches: [],
      delivered: 0,
      // Nobody to notify: done as it is stored.
      status: batches === 0 ? NotifyStatus.Completed : NotifyStatus.Queued,
      createdAt: now,
      completedAt: batches === 0 ? now : null,
    };
  }

  private async enqueue(request: NotifyRequestRecord): Promise<void> {
    const requestId = request._id.toHexString();
    const pending = Array.from({ length: request.batches }, (_, batch) => batch).filter(
      (batch) => !request.doneBatches.includes(batch),
    );
    await Promise.all(
      pending.map((batch) =>
        this.jobs.enqueue(
          JobName.DeliverNotifyBatch,
          { requestId, batch },
          { jobId: `notify-${requestId}-${batch}` },
        ),
      ),
    );
  }

  /** Every send with a key is attributable to it: the key is the record's target, no user acted. */
  private recordUse(apiKey: ApiKeyCaller, request: NotifyRequestRecord, resent: boolean): void {
    this.audit.record({
      action: AuditAction.NotifySent,
      actor: null,
      target: { type: AuditTargetType.ApiKey, id: apiKey.keyId },
      details: {
        apiKeyName: apiKey.name,
        notifyRequestId: request._id.toHexString(),
        accepted: request.recipients.length,
        unknown: request.unknownUserIds.length,
        channels: request.channels.join(' '),
        resent,
      },
    });
  }
}

function acceptedOf(request: NotifyRequestRecord): NotifyAcceptedResponse {
  return {
    id: request._id.toHexString(),
    accepted: request.recipients.length,
    unknownUserIds: request.unknownUserIds,
  };
}

function progressOf(request: NotifyRequestRecord): NotifyProgressResponse {
  return {
    id: request._id.toHexString(),
    status: request.status,
    total: request.total,
    accepted: request.recipients.length,
    delivered: request.delivered,
    unknownUserIds: request.unknownUserIds,
    channels: request.channels,
    createdAt: request.createdAt.toISOString(),
    completedAt: request.completedAt?.toISOString() ?? null,
  };
}
