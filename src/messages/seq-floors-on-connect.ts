import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { BackgroundWork } from '../common/lifecycle/background-work';
import { ConversationsService } from '../conversations/conversations.service';
import { RealtimeDomainEvent, SocketConnectedEvent } from '../realtime/realtime.events';
import { KnownSeqs } from './known-seqs';

/**
 * A user came online: the seqs recorded on their conversations become this process's floors, so their first
 * sends through it store at once instead of reading the conversation first. The read is the one the
 * delivered-pointer catch-up makes for the same connect (both load in one tick, so one query serves both).
 */
@Injectable()
export class SeqFloorsOnConnect {
  constructor(
    private readonly seqs: KnownSeqs,
    private readonly conversations: ConversationsService,
    private readonly background: BackgroundWork,
  ) {}

  @OnEvent(RealtimeDomainEvent.SocketConnected)
  learn({ memberships, cameOnline }: SocketConnectedEvent): void {
    if (!cameOnline || memberships.length === 0) {
      return;
    }
    const ids = memberships.map((membership) => membership.conversationId);
    this.background.run(`Seq floors of ${ids.length} conversations`, async () =>
      this.seqs.knowFloors(await this.conversations.recordedLastSeqs(ids)),
    );
  }
}
