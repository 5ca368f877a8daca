import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { BackgroundWork } from '../common/lifecycle/background-work';
import { JobName } from '../common/queue/jobs';
import { JobsService } from '../common/queue/jobs.service';
import { MessagesDomainEvent, MessageStoredEvent } from '../messages/messages.events';
import { recipientsNotReached } from './push-audience';
import { SubscribedUsers } from './subscribed-users';
import { WebPushSender } from './web-push.sender';

/** Turns stored messages into push jobs. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly jobs: JobsService,
    private readonly sender: WebPushSender,
    private readonly subscribedUsers: SubscribedUsers,
    private readonly background: BackgroundWork,
  ) {}

  /**
   * Pushes go through a job, not the send: looking up presence and subscriptions and calling push services
   * must not slow the send, and a push service that fails is retried with backoff. The job id derives from the
   * message id, so the job is queued once however often (or on however many instances) this runs. No job when
   * the send reached every recipient live, or when none of those it did not reach ever registered a device.
   */
  @OnEvent(MessagesDomainEvent.MessageStored)
  messageStored(event: MessageStoredEvent): void {
    const recipients = this.sender.publicKey ? recipientsNotReached(event) : [];
    if (recipients.length === 0) {
      return;
    }
    const { conversationId, messageId } = event;
    this.background.run(`Push job of message ${messageId}`, async () => {
      if (await this.subscribedUsers.anyOf(recipients)) {
        await this.jobs.enqueue(
          JobName.PushNewMessage,
          { conversationId, messageId },
          { jobId: `push-${messageId}` },
        );
      }
    });
  }
}
