import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { Queue } from 'bullmq';
import { BackgroundWork } from '../../common/lifecycle/background-work';
import { JobName, JobPayloads, QueueName } from '../../common/queue/jobs';
import { MessagesDomainEvent, MessageStoredEvent } from '../../messages/messages.events';
import { RealtimeDomainEvent, SocketConnectedEvent } from '../../realtime/realtime.events';
import { NotificationSettingsService } from '../../users/notification-settings/notification-settings.service';
import { NotificationCreatedEvent, NotificationsDomainEvent } from '../inbox/notifications.events';
import { recipientsNotReached } from '../push-audience';
import { EmailDigestState } from './email-digest.state';

const MINUTE_MS = 60_000;

/** The one digest job a user can have at a time. */
export const digestJobId = (userId: string) => `digest-${userId}`;

/** Inbox entries worth an email when still unread after the delay; service ones only when they asked. */
function escalates(event: NotificationCreatedEvent): boolean {
  return (
    event.kind === 'mention' ||
    event.kind === 'missed_call' ||
    (event.kind === 'service' && event.escalateByEmail === true)
  );
}

/**
 * Starts a user's digest countdown when something that may deserve an email happens while they are away, and
 * stops it when they come back. One delayed job per user (its id names the user): a burst of messages finds the
 * job already waiting and adds nothing, so it sends one email; the job is removed when it ends, so the next
 * burst starts a new countdown. Everything here runs detached, off the send and the handshake.
 */
@Injectable()
export class EmailDigestScheduler {
  constructor(
    @InjectQueue(QueueName.EmailDigests) private readonly queue: Queue<JobPayloads[JobName.SendEmailDigest]>,
    private readonly settings: NotificationSettingsService,
    private readonly state: EmailDigestState,
    private readonly background: BackgroundWork,
  ) {}

  /**
   * A direct message the recipient's devices did not get live. Direct conversations are the two-member ones
   * (the event carries no kind, and reading it would cost the send a query); a two-member group's message costs
   * a job whose run finds nothing of that group to list.
   */
  @OnEvent(MessagesDomainEvent.MessageStored)
  messageStored(event: MessageStoredEvent): void {
    if (event.members.size !== 2) {
      return;
    }
    for (const userId of recipientsNotReached(event)) {
      this.background.run(`Email digest countdown of ${userId}`, () => this.schedule(userId));
    }
  }

  @OnEvent(NotificationsDomainEvent.Created)
  notificationCreated(event: NotificationCreatedEvent): void {
    if (!escalates(event)) {
      return;
    }
    this.background.run(`Email digest countdown of ${event.userId}`, async () => {
      if (event.kind === 'service') {
        await this.state.escalate(event.userId, event.notificationId);
      }
      await this.schedule(event.userId);
    });
  }

  /** Back online: the countdown stops (what the user then leaves unread starts a new one). */
  @OnEvent(RealtimeDomainEvent.SocketConnected)
  socketConnected({ userId, cameOnline }: SocketConnectedEvent): void {
    if (cameOnline) {
      this.background.run(`Email digest cancel of ${userId}`, () => this.cancel(userId));
    }
  }

  /**
   * Starts the countdown unless one is under way. A digest running right now may have read the user's unread
   * things before this event: it is told to run once more after another delay instead.
   */
  async schedule(userId: string): Promise<void> {
    const jobId = digestJobId(userId);
    const state = await this.queue.getJobState(jobId);
    if (state === 'active') {
      await this.state.runAgain(userId);
      return;
    }
    if (state !== 'unknown') {
      return;
    }
    const settings = (await this.settings.settingsOf([userId])).get(userId)!;
    if (!settings.emailDigest) {
      return;
    }
    await this.queue.add(
      JobName.SendEmailDigest,
      { userId },
      {
        jobId,
        delay: Math.round(settings.emailDelayMinutes * MINUTE_MS),
        // Gone once done, so the id is free for the next burst's countdown.
        removeOnComplete: true,
        removeOnFail: true,
      },
    );
  }

  /** Removes a waiting countdown; one already running (locked) is left to its own online check. */
  async cancel(userId: string): Promise<void> {
    await this.queue.remove(digestJobId(userId));
  }

  /** Account deletion: no countdown, and nothing remembered (a run still going finds the account gone). */
  async forget(userId: string): Promise<void> {
    await this.cancel(userId);
    await this.state.forget(userId);
  }
}
