import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { JobName } from '../../common/queue/jobs';
import { JobsService } from '../../common/queue/jobs.service';
import { NotificationResponse } from '../../realtime/server-events';
import { InboxPushService } from '../inbox/inbox-push.service';
import { InboxService } from '../inbox/inbox.service';
import { NotifyChannel } from './notify.dto';
import { NotifyRequestRecord, NotifyRequestsRepository } from './notify-requests.repository';
import { NOTIFY_BATCH_SIZE } from './notify.service';

/** Deliveries of one batch under way at once. */
const DELIVERIES_AT_ONCE = 10;

/**
 * The fan-out of stored notify requests, run by `NotifyProcessor`: each recipient gets the request's one
 * `service` entry through the inbox (source and group `service:<requestId>`, so a delivery repeated by a
 * retry or a rerun is recognised and dropped there), or, for a push-only request, a Web Push of its own.
 */
@Injectable()
export class NotifyDelivery {
  constructor(
    private readonly requests: NotifyRequestsRepository,
    private readonly inbox: InboxService,
    private readonly pushes: InboxPushService,
    private readonly jobs: JobsService,
  ) {}

  /**
   * Delivers one batch, a few recipients at a time, and counts it done once: a batch counted already (its
   * job ran again) is skipped. A delivery that fails fails the job, whose retry redoes the batch.
   */
  async deliverBatch(requestId: string, batch: number): Promise<void> {
    const request = await this.requests.findById(new Types.ObjectId(requestId));
    if (!request || request.doneBatches.includes(batch)) {
      return;
    }
    await this.requests.markProcessing(request._id);
    const userIds = request.recipients
      .slice(batch * NOTIFY_BATCH_SIZE, (batch + 1) * NOTIFY_BATCH_SIZE)
      .map((userId) => userId.toHexString());
    for (let start = 0; start < userIds.length; start += DELIVERIES_AT_ONCE) {
      await Promise.all(
        userIds.slice(start, start + DELIVERIES_AT_ONCE).map((userId) => this.deliverTo(request, userId)),
      );
    }
    // Every recipient of the batch is handled: a delivery the inbox dropped as a repeat was made before.
    await this.requests.completeBatch(request._id, batch, userIds.length);
  }

  /** Pushes a push-only notification; answers the subscriptions worth another attempt. */
  async pushOnly(requestId: string, subscriptionIds: readonly string[]): Promise<string[]> {
    const request = await this.requests.findById(new Types.ObjectId(requestId));
    return request ? this.pushes.push(pushEntryOf(request), subscriptionIds) : [];
  }

  private async deliverTo(request: NotifyRequestRecord, userId: string): Promise<void> {
    const requestId = request._id.toHexString();
    const channels = new Set(request.channels);
    if (channels.has(NotifyChannel.InApp)) {
      await this.inbox.deliver(
        {
          userId,
          kind: 'service',
          groupKey: `service:${requestId}`,
          sourceId: `service:${requestId}`,
          actorId: null,
          title: request.title,
          body: request.body,
          ...(request.data ? { data: request.data } : {}),
        },
        { push: channels.has(NotifyChannel.Push), email: channels.has(NotifyChannel.Email) },
      );
      return;
    }
    // Push only: no entry to push from, so the request is the push's content. The subscriptions are picked
    // now (none while the recipient has a socket open); the job's id makes a redone batch push once.
    const pending = await this.pushes.subscriptionsToPush(userId);
    if (pending.length > 0) {
      await this.jobs.enqueue(
        JobName.PushServiceNotification,
        { requestId, userId, pending },
        { jobId: `notify-push-${requestId}-${userId}` },
      );
    }
  }
}

/** What a push-only notification shows: the request as a `service` entry that was never stored. */
function pushEntryOf(request: NotifyRequestRecord): NotificationResponse {
  const at = request.createdAt.toISOString();
  return {
    id: request._id.toHexString(),
    kind: 'service',
    conversationId: null,
    messageId: null,
    actors: [],
    actorCount: 0,
    count: 1,
    emoji: null,
    role: null,
    title: request.title,
    body: request.body,
    data: request.data,
    createdAt: at,
    updatedAt: at,
    readAt: null,
  };
}
