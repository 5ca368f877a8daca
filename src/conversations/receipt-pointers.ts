import type { ConversationRecord, LastRecorded, MembershipRecord } from './conversations.repository';
import type { Deliveries } from './delivery-pointers.repository';

/**
 * Where a receipt pointer stands and when it moved there. `at` is null when the message at `seq` moved it
 * by its own recording (its sender's read pointer, an online recipient's delivered pointer): the pointer's
 * time is then that message's `createdAt`, which is not copied onto the conversation (see `Conversation`).
 */
export interface ReceiptPointer {
  seq: number;
  at: Date | null;
}

/**
 * A member's read pointer: the membership's `readSeq`, moved by marking read, or the member's newest own
 * message if that is further on (sending reads the conversation up to there; see `Conversation.sentUpTo`).
 */
export function readPointerOf(
  conversation: Pick<ConversationRecord, 'sentUpTo'>,
  membership: Pick<MembershipRecord, 'userId' | 'readSeq' | 'readAt'>,
): ReceiptPointer {
  const sent = conversation.sentUpTo?.[membership.userId.toHexString()] ?? 0;
  return sent > membership.readSeq
    ? { seq: sent, at: null }
    : { seq: membership.readSeq, at: membership.readAt ?? null };
}

/**
 * A member's delivered pointer: the highest of what their conversation's messages recorded
 * (`Conversation.deliveredUpTo`), what the delivery document holds (connect catch-up, larger conversations)
 * and their read pointer, since reading implies delivery.
 */
export function deliveredPointerOf(
  conversation: Pick<ConversationRecord, 'deliveredUpTo'>,
  deliveries: Deliveries,
  member: { userId: string; readSeq: number; readAt: Date | null },
): ReceiptPointer {
  const { userId } = member;
  const withMessages = { seq: conversation.deliveredUpTo?.[userId] ?? 0, at: null };
  const inDocument = { seq: deliveries.seqs[userId] ?? 0, at: deliveries.at[userId] ?? null };
  const delivered = inDocument.seq > withMessages.seq ? inDocument : withMessages;
  return member.readSeq > delivered.seq ? { seq: member.readSeq, at: member.readAt } : delivered;
}

/**
 * A member's first device connected: where their delivered pointer moves to (the conversation's last recorded
 * message) if it is behind, and whose delivery ticks that changes. Those are the senders of the messages the
 * pointer passes over: exact where the conversation records each sender's newest seq (up to
 * SENDER_SEQS_MAX_MEMBERS members), else the sender of the last message, whose tick a client shows newest.
 * Telling only them keeps a connect O(senders), not O(members online), in a large group.
 */
export function deliveryCatchUp(
  member: { userId: string; readSeq: number },
  last: LastRecorded,
  deliveries: Deliveries,
): { seq: number; senderIds: string[] } | undefined {
  const { userId } = member;
  const delivered = Math.max(
    member.readSeq,
    last.sentUpTo[userId] ?? 0,
    last.deliveredUpTo[userId] ?? 0,
    deliveries.seqs[userId] ?? 0,
  );
  if (!last.senderId || last.senderId === userId || last.seq <= delivered) {
    return undefined;
  }
  const senders = new Set([last.senderId]);
  for (const [senderId, seq] of Object.entries(last.sentUpTo)) {
    if (seq > delivered && senderId !== userId) {
      senders.add(senderId);
    }
  }
  return { seq: last.seq, senderIds: [...senders] };
}
