import type { ConversationRecord, MembershipRecord } from './conversations.repository';

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
