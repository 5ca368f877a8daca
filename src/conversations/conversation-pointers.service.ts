import { Injectable } from '@nestjs/common';
import { LastMessage } from './conversation.schema';
import { ConversationsRepository } from './conversations.repository';
import { DeliveryPointersRepository } from './delivery-pointers.repository';
import { MemberState } from './conversations.service';
import { deliveryCatchUp } from './receipt-pointers';

/** Conversations of up to this many members keep their senders' newest seqs on the conversation document. */
export const SENDER_SEQS_MAX_MEMBERS = 100;

/**
 * Conversations of up to this many members record their recipients' delivered pointers in the last-message
 * update (one write per message instead of two). Beyond it the conversation document would carry two
 * fields per recipient into every update and read (on FerretDB an update of a 20-member document with them
 * took 5.0 ms against 2.8 without, a 100-member one 10 ms against 6.6), so larger conversations keep them in
 * their delivery document, written per delivery window.
 */
export const DELIVERED_WITH_MESSAGE_MAX_MEMBERS = 20;

/**
 * Where each conversation and each member stands: the conversation's last message and `lastSeq`, and every
 * member's forward-only delivered and read pointers (receipts cost O(members), not O(messages x members)).
 * Callers have checked membership already.
 */
@Injectable()
export class ConversationPointersService {
  constructor(
    private readonly repository: ConversationsRepository,
    private readonly deliveries: DeliveryPointersRepository,
  ) {}

  /**
   * Called by the messages module once a message is stored; `preview` is the content's ciphertext. Moves
   * the sender's read pointer to the message too (sending reads the conversation up to it): in a smaller
   * conversation within the last-message update itself, with no write of its own; in a larger one on the
   * sender's membership, so the conversation document does not carry a seq per sender (each update of a
   * document holding 1,000 of them took 61 ms on FerretDB instead of 3, and every read of it grows).
   * `deliveredTo`, the recipients the message reached, is recorded in the same update (only given for
   * conversations of up to DELIVERED_WITH_MESSAGE_MAX_MEMBERS members).
   */
  async recordMessage(
    conversationId: string,
    message: LastMessage,
    memberCount: number,
    deliveredTo: readonly string[] = [],
  ): Promise<void> {
    const senderSeq = memberCount <= SENDER_SEQS_MAX_MEMBERS;
    await Promise.all([
      this.repository.recordMessage(conversationId, message, { senderSeq, deliveredTo }),
      // By membership `_id` without upsert: a sender removed meanwhile has no pointer left, and nothing moves.
      ...(senderSeq
        ? []
        : [this.repository.advanceSenderRead(conversationId, message.senderId, message.seq)]),
    ]);
  }

  /** Moves the user's read pointer forward; true when it moved. */
  advanceRead(conversationId: string, userId: string, seq: number): Promise<boolean> {
    return this.repository.advanceRead(conversationId, userId, seq);
  }

  /** For /sync: which of these conversations had receipt pointers move after `since`. */
  async pointersChangedSince(conversationIds: readonly string[], since: Date): Promise<string[]> {
    if (conversationIds.length === 0) {
      return [];
    }
    const changed = await Promise.all([
      this.repository.changedSince(conversationIds, since),
      this.deliveries.changedSince(conversationIds, since),
    ]);
    return [...new Set(changed.flat())];
  }

  /**
   * A device of the user connected: their delivered pointer in each of their conversations moves up to its
   * last recorded message (see `deliveryCatchUp`). Two batched reads (the conversations' last records and
   * their delivery documents; the memberships come from the connect), and writes only the pointers that are
   * behind. A message stored but not recorded yet is left to its own delivery batch.
   */
  async deliverAllTo(
    userId: string,
    memberships: readonly MemberState[],
  ): Promise<Array<{ conversationId: string; seq: number; senderIds: string[] }>> {
    const ids = memberships.map((m) => m.conversationId);
    const [lastRecorded, deliveries] = await Promise.all([
      this.repository.lastRecorded(ids),
      Promise.all(ids.map((id) => this.deliveries.of(id))),
    ]);
    const behind = memberships.flatMap(({ conversationId, readSeq }, i) => {
      const last = lastRecorded.get(conversationId);
      const catchUp = last && deliveryCatchUp({ userId, readSeq }, last, deliveries[i]);
      return catchUp ? [{ conversationId, ...catchUp }] : [];
    });
    await Promise.all(
      behind.map(({ conversationId, seq }) => this.deliveries.record(conversationId, [userId], seq)),
    );
    return behind;
  }

  /** Online recipients received messages up to `seq` (forward-only, group-committed). */
  recordDelivered(userIds: readonly string[], conversationId: string, seq: number): Promise<void> {
    return userIds.length === 0 ? Promise.resolve() : this.deliveries.record(conversationId, userIds, seq);
  }
}
