import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { BackgroundWork } from '../common/lifecycle/background-work';
import { ConversationPointersService } from '../conversations/conversation-pointers.service';
import { ConversationsService, MemberState } from '../conversations/conversations.service';
import { PresenceService } from '../presence/presence.service';
import { RealtimeDomainEvent, ServerEvent, SocketConnectedEvent } from '../realtime/events';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { MessagesError, MessagesErrorCode } from './messages.errors';
import { MessagesRepository } from './messages.repository';

// Deliveries are gathered over this window: per conversation one pointer update and one event for a burst
// of messages, and for every conversation of the window one presence lookup and one bulk pointer write.
const DELIVERY_BATCH_MS = 25;

/** The messages of one conversation stored during a delivery window. */
interface StoredBatch {
  seq: number;
  senderIds: Set<string>;
}

export interface ReceiptStatus {
  userId: string;
  status: 'sent' | 'delivered' | 'read';
  deliveredAt: string | null;
  readAt: string | null;
}

/**
 * Read and delivered pointers per member and conversation (they only move forward), so receipts cost
 * O(members), not O(messages x members).
 */
@Injectable()
export class ReceiptsService implements OnModuleDestroy {
  private readonly logger = new Logger(ReceiptsService.name);
  private readonly pending = new Map<string, StoredBatch>();
  private window: NodeJS.Timeout | undefined;

  constructor(
    private readonly repository: MessagesRepository,
    private readonly conversations: ConversationsService,
    private readonly pointers: ConversationPointersService,
    private readonly presence: PresenceService,
    private readonly publisher: RealtimePublisher,
    private readonly background: BackgroundWork,
  ) {}

  onModuleDestroy(): void {
    clearTimeout(this.window);
    this.pending.clear();
  }

  /** Marks read up to `seq` (capped at the newest message); tells the other members when it moved. */
  async markRead(
    userId: string,
    conversationId: string,
    target: { seq?: number; messageId?: string },
  ): Promise<{ conversationId: string; readSeq: number }> {
    const member = await this.conversations.requireMember(conversationId, userId);
    // Capped at the recorded last seq: a message is announced only after it is recorded, so a client cannot
    // have seen a higher one.
    const latest = member.lastSeq;
    const wanted = target.messageId
      ? await this.seqOf(conversationId, target.messageId)
      : (target.seq ?? latest);
    const upToSeq = Math.min(wanted, latest);
    if (
      upToSeq > member.readSeq &&
      (await this.pointers.advancePointers(conversationId, userId, { readSeq: upToSeq }))
    ) {
      this.publisher.toConversation(conversationId, ServerEvent.MessagesRead, {
        conversationId,
        userId,
        upToSeq,
      });
    }
    return { conversationId, readSeq: Math.max(upToSeq, member.readSeq) };
  }

  /** Per-recipient status of one message, derived from the pointers. */
  async receipts(userId: string, conversationId: string, messageId: string): Promise<ReceiptStatus[]> {
    await this.conversations.requireMember(conversationId, userId);
    const message = await this.repository.findInConversation(conversationId, messageId);
    if (!message) {
      throw new MessagesError(MessagesErrorCode.NotFound);
    }
    const senderId = message.senderId.toHexString();
    return (await this.conversations.members(conversationId))
      .filter((member) => member.userId !== senderId)
      .map((member) => {
        const read = member.readSeq >= message.seq;
        const delivered = read || member.deliveredSeq >= message.seq;
        return {
          userId: member.userId,
          status: read ? 'read' : delivered ? 'delivered' : 'sent',
          deliveredAt: delivered ? ((member.deliveredAt ?? member.readAt)?.toISOString() ?? null) : null,
          readAt: read ? (member.readAt?.toISOString() ?? null) : null,
        };
      });
  }

  /** A message was stored: its online recipients have it on a device, so their delivered pointer moves. */
  messageStored(conversationId: string, seq: number, senderId: string): void {
    const batch = this.pending.get(conversationId);
    if (batch) {
      batch.seq = Math.max(batch.seq, seq);
      batch.senderIds.add(senderId);
      return;
    }
    this.pending.set(conversationId, { seq, senderIds: new Set([senderId]) });
    if (!this.window) {
      this.window = setTimeout(() => this.closeWindow(), DELIVERY_BATCH_MS);
      this.window.unref();
    }
  }

  private closeWindow(): void {
    this.window = undefined;
    const batches = [...this.pending];
    this.pending.clear();
    this.background.run(`Delivered pointers of ${batches.length} conversations`, () => this.deliver(batches));
  }

  /**
   * A user came online: everything already stored in their conversations has now reached a device. Further
   * devices have nothing to catch up: while the user is online every delivery batch moves their pointer.
   */
  @OnEvent(RealtimeDomainEvent.SocketConnected)
  deliverPending({ userId, memberships, cameOnline }: SocketConnectedEvent): void {
    if (!cameOnline) {
      return;
    }
    this.background.run(`Delivered pointers of the conversations of ${userId}`, () =>
      this.deliverAll(userId, memberships),
    );
  }

  private async deliverAll(userId: string, memberships: readonly MemberState[]): Promise<void> {
    for (const { conversationId, seq } of await this.pointers.deliverAllTo(userId, memberships)) {
      this.publisher.toConversation(conversationId, ServerEvent.MessagesDelivered, {
        conversationId,
        userIds: [userId],
        upToSeq: seq,
      });
    }
  }

  private async deliver(batches: ReadonlyArray<[string, StoredBatch]>): Promise<void> {
    const recipients = await Promise.all(
      batches.map(async ([conversationId, { senderIds }]) =>
        (await this.conversations.cachedMemberIds(conversationId)).filter((id) => !senderIds.has(id)),
      ),
    );
    const online = new Set(await this.presence.onlineUserIds([...new Set(recipients.flat())]));
    // Written in one tick, so the pointers of every conversation go out in one group commit.
    await Promise.all(
      batches.map(async ([conversationId, { seq, senderIds }], index) => {
        const reached = recipients[index].filter((id) => online.has(id));
        await this.pointers.recordDelivered(reached, conversationId, seq);
        // Only the senders of the batch show delivery ticks for it, in one event naming every recipient
        // reached: announcing each recipient's pointer to the whole room would cost members x online sends.
        if (reached.length > 0) {
          this.publisher.toUsers([...senderIds], ServerEvent.MessagesDelivered, {
            conversationId,
            userIds: reached,
            upToSeq: seq,
          });
        }
      }),
    );
  }

  private async seqOf(conversationId: string, messageId: string): Promise<number> {
    const message = await this.repository.findInConversation(conversationId, messageId);
    if (!message) {
      throw new MessagesError(MessagesErrorCode.NotFound);
    }
    return message.seq;
  }
}
