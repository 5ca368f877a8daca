import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { BackgroundWork } from '../common/lifecycle/background-work';
import {
  ConversationPointersService,
  DELIVERED_WITH_MESSAGE_MAX_MEMBERS,
} from '../conversations/conversation-pointers.service';
import { ConversationsService, MemberState, MemberView } from '../conversations/conversations.service';
import { MemberIndex } from '../conversations/membership-cache';
import type { ReceiptPointer } from '../conversations/receipt-pointers';
import { PresenceService } from '../presence/presence.service';
import { ServerEvent } from '../realtime/events';
import { RealtimeDomainEvent, SocketConnectedEvent } from '../realtime/realtime.events';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { ReadPointer } from './messages.dto';
import { MessagesError, MessagesErrorCode } from './messages.errors';
import { KnownSeqs } from './known-seqs';
import { MessagesRepository } from './messages.repository';
import { SeqHints } from './seq-hints';

// Deliveries are gathered over this window: per conversation one pointer update and one event for a burst
// of messages, and for every conversation of the window one presence lookup and one bulk pointer write.
const DELIVERY_BATCH_MS = 25;

/** Read receipts go to the whole room up to this many members (see `announceRead`). */
export const READ_TO_ROOM_MAX_MEMBERS = 100;

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
    private readonly seqHints: SeqHints,
    private readonly knownSeqs: KnownSeqs,
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
  ): Promise<ReadPointer> {
    const member = await this.conversations.requireMember(conversationId, userId);
    // A message id names a stored message. A bare seq (or "everything") is capped at the newest stored one
    // (see newestStored): a message is announced once stored, while its conversation may still be recording
    // it.
    const upToSeq = target.messageId
      ? await this.seqOf(conversationId, target.messageId)
      : await this.newestStored(conversationId, member.lastSeq, target.seq);
    if (upToSeq > member.readSeq && (await this.pointers.advanceRead(conversationId, userId, upToSeq))) {
      await this.announceRead(member, upToSeq);
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
    const recipients = (await this.conversations.members(conversationId))
      .filter((member) => member.userId !== senderId)
      .map((member) => {
        const read = member.readSeq >= message.seq;
        const delivered = read || member.deliveredSeq >= message.seq;
        return {
          userId: member.userId,
          read: read ? { seq: member.readSeq, at: member.readAt } : undefined,
          delivered: delivered ? { seq: member.deliveredSeq, at: member.deliveredAt } : undefined,
        };
      });
    const timeOf = await this.pointerTimes(
      conversationId,
      recipients.flatMap(({ read, delivered }) => [read, delivered]),
    );
    return recipients.map(({ userId, read, delivered }) => ({
      userId,
      status: read ? 'read' : delivered ? 'delivered' : 'sent',
      deliveredAt: timeOf(delivered),
      readAt: timeOf(read),
    }));
  }

  /**
   * When each pointer moved: its own time, or, for one its message moved by being recorded (`at` null, see
   * `ReceiptPointer`), that message's; the messages are read in one query.
   */
  private async pointerTimes(
    conversationId: string,
    pointers: ReadonlyArray<ReceiptPointer | undefined>,
  ): Promise<(pointer: ReceiptPointer | undefined) => string | null> {
    const timedByMessage = pointers.flatMap((pointer) => (pointer && !pointer.at ? [pointer.seq] : []));
    const sent = await this.repository.sentTimes(conversationId, [...new Set(timedByMessage)]);
    return (pointer) => (pointer ? ((pointer.at ?? sent.get(pointer.seq))?.toISOString() ?? null) : null);
  }

  /**
   * Who of a new message's recipients is online and gets it on a device once it is announced, asked while
   * the message is being stored, so that the last-message update can record their delivered pointers (in
   * conversations of up to DELIVERED_WITH_MESSAGE_MAX_MEMBERS members). Undefined for larger conversations,
   * or when presence cannot be read: their deliveries go through the delivery window.
   */
  async recipientsReached(
    conversationId: string,
    senderId: string,
    members: MemberIndex,
  ): Promise<string[] | undefined> {
    if (members.size > DELIVERED_WITH_MESSAGE_MAX_MEMBERS) {
      return undefined;
    }
    try {
      return await this.presence.onlineUserIds([...members.keys()].filter((id) => id !== senderId));
    } catch (error) {
      this.logger.warn(
        `Presence of ${conversationId}'s recipients unknown, left to the delivery window: ${(error as Error).message}`,
      );
      return undefined;
    }
  }

  /**
   * A message was stored and announced: its online recipients have it on a device. `reached` are those its
   * own update recorded as delivered (see `recipientsReached`); without them, the delivery window moves the
   * online recipients' pointers.
   */
  messageStored(conversationId: string, seq: number, senderId: string, reached?: readonly string[]): void {
    if (reached) {
      this.announceDelivered(conversationId, [senderId], reached, seq);
      return;
    }
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
   * A user came online: everything already stored in their conversations has now reached a device, which the
   * senders of the messages it passes over are told. Further devices have nothing to catch up: while the
   * user is online every delivery batch moves their pointer.
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
    const caughtUp = await this.pointers.deliverAllTo(userId, memberships);
    // A sender who has left since is not told about the conversation any more.
    const told = await Promise.all(
      caughtUp.map(({ conversationId, senderIds }) =>
        this.conversations.stillMembers(conversationId, senderIds),
      ),
    );
    caughtUp.forEach(({ conversationId, seq }, i) =>
      this.announceDelivered(conversationId, told[i], [userId], seq),
    );
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
        this.announceDelivered(conversationId, [...senderIds], reached, seq);
      }),
    );
  }

  /**
   * Only the senders show delivery ticks, in one event naming every recipient reached: announcing each
   * recipient's pointer to the whole room would cost members x online sends.
   */
  private announceDelivered(
    conversationId: string,
    senderIds: string[],
    reached: readonly string[],
    upToSeq: number,
  ): void {
    if (reached.length > 0) {
      this.publisher.toUsers(senderIds, ServerEvent.MessagesDelivered, {
        conversationId,
        userIds: reached,
        upToSeq,
      });
    }
  }

  /**
   * Up to READ_TO_ROOM_MAX_MEMBERS members, every member sees who read what ("seen by"). In a larger
   * conversation each member reading each message would cost members x online sends per message, so only
   * the reader's devices (their unread counts) and the last message's sender, once the read reaches it, are
   * told; `GET .../receipts` has everyone's.
   */
  private async announceRead(
    { conversationId, userId, memberCount, lastSeq, lastSenderId }: MemberView,
    upToSeq: number,
  ): Promise<void> {
    const payload = { conversationId, userId, upToSeq };
    if (memberCount <= READ_TO_ROOM_MAX_MEMBERS) {
      this.publisher.toConversation(conversationId, ServerEvent.MessagesRead, payload);
      return;
    }
    const sender =
      lastSenderId !== null && lastSenderId !== userId && upToSeq >= lastSeq ? [lastSenderId] : [];
    const told = [userId, ...(await this.conversations.stillMembers(conversationId, sender))];
    this.publisher.toUsers(told, ServerEvent.MessagesRead, payload);
  }

  /**
   * `wanted` capped at the newest stored seq, asking the cheapest source first: the seq the conversation
   * records, the newest this process stored or heard of, the shared hint, and only then the messages
   * themselves (a message announced by another instance before its hint or its conversation update is
   * visible here).
   */
  private async newestStored(conversationId: string, recordedSeq: number, wanted?: number): Promise<number> {
    const known = Math.max(recordedSeq, this.knownSeqs.known(conversationId));
    if (wanted !== undefined && wanted <= known) {
      return wanted;
    }
    const newest = Math.max(known, (await this.seqHints.get(conversationId)) ?? 0);
    if (wanted === undefined || wanted <= newest) {
      return wanted ?? newest;
    }
    return (await this.repository.hasSeq(conversationId, wanted)) ? wanted : newest;
  }

  private async seqOf(conversationId: string, messageId: string): Promise<number> {
    const message = await this.repository.findInConversation(conversationId, messageId);
    if (!message) {
      throw new MessagesError(MessagesErrorCode.NotFound);
    }
    return message.seq;
  }
}
