import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { BackgroundWork } from '../common/lifecycle/background-work';
import { JobName } from '../common/queue/jobs';
import { JobsService } from '../common/queue/jobs.service';
import { MessagesDomainEvent, MessageStoredEvent } from '../messages/messages.events';
import { mayNeedPush } from './push-audience';
import { WebPushSender } from './web-push.sender';

/** Turns stored messages into push jobs. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly jobs: JobsService,
    private readonly sender: WebPushSender,
    private readonly background: BackgroundWork,
  ) {}

  /**
   * Pushes go through a job, not the send: looking up presence and subscriptions and calling push services
   * must not slow the send, and a push service that fails is retried with backoff. The job id derives from the
   * message id, so the job is queued once however often (or on however many instances) this runs.
   */
  @OnEvent(MessagesDomainEvent.MessageStored)
  messageStored(event: MessageStoredEvent): void {
    if (!this.sender.publicKey || !mayNeedPush(event)) {
      return;
    }
    const { conversationId, messageId } = event;
    this.background.run(`Push job of message ${messageId}`, () =>
      this.jobs.enqueue(
        JobName.PushNewMessage,
        { conversationId, messageId },
        { jobId: `push-${messageId}` },
      ),
    );
  }
}
