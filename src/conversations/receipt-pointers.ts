import type { ConversationRecord, MembershipRecord } from './conversations.repository';
import type { Deliveries } from './delivery-pointers.repository';

/**
 * A member's read pointer: the membership's `readSeq`, moved by marking read, or the member's newest own
 * message if that is further on (sending reads the conversation up to there; see `Conversation.sentUpTo`).
 */
export function readPointerOf(
  conversation: Pick<ConversationRecord, 'sentUpTo' | 'sentAt'>,
  membership: Pick<MembershipRecord, 'userId' | 'readSeq' | 'readAt'>,
): { seq: number; at: Date | null } {
  const userId = membership.userId.toHexString();
  const sent = conversation.sentUpTo?.[userId] ?? 0;
  return sent > membership.readSeq
    ? { seq: sent, at: conversation.sentAt?.[userId] ?? null }
    : { seq: membership.readSeq, at: membership.readAt ?? null };
}

/**
 * A member's delivered pointer: the highest of what their conversation's messages recorded
 * (`Conversation.deliveredUpTo`), what the delivery document holds (connect catch-up, larger conversations)
 * and their read pointer, since reading implies delivery.
 */
export function deliveredPointerOf(
  conversation: Pick<ConversationRecord, 'deliveredUpTo' | 'deliveredAt'>,
  deliveries: Deliveries,
  member: { userId: string; readSeq: number; readAt: Date | null },
): { seq: number; at: Date | null } {
  const { userId } = member;
  const withMessages = {
    seq: conversation.deliveredUpTo?.[userId] ?? 0,
    at: conversation.deliveredAt?.[userId] ?? null,
  };
  const inDocument = { seq: deliveries.seqs[userId] ?? 0, at: deliveries.at[userId] ?? null };
  const delivered = inDocument.seq > withMessages.seq ? inDocument : withMessages;
  return member.readSeq > delivered.seq
    ? { seq: member.readSeq, at: member.readAt ?? delivered.at }
    : delivered;
}
