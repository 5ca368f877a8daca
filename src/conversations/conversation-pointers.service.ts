import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { LastMessage } from './conversation.schema';
import { ConversationsRepository } from './conversations.repository';
import { MemberState } from './conversations.service';
import { MembershipCache } from './membership-cache';

/**
 * Where each conversation and each member stands: the conversation's last message and `lastSeq`, and every
 * member's forward-only delivered and read pointers (receipts cost O(members), not O(messages x members)).
 * Callers have checked membership already.
 */
@Injectable()
export class ConversationPointersService {
  constructor(
    private readonly repository: ConversationsRepository,
    private readonly cache: MembershipCache,
  ) {}

  /** Called by the messages module once a message is stored; `preview` is the content's ciphertext. */
  async recordMessage(conversationId: string, message: LastMessage): Promise<void> {
    const membershipId = (await this.cache.members(conversationId)).get(message.senderId);
    await Promise.all([
      this.repository.recordMessage(conversationId, message),
      // A sender removed meanwhile has no pointer left to move.
      membershipId && this.repository.advanceSenderRead(conversationId, membershipId, message.seq),
    ]);
  }

  async advancePointers(
    conversationId: string,
    userId: string,
    pointers: { deliveredSeq?: number; readSeq?: number },
  ): Promise<boolean> {
    let moved = 0;
    if (pointers.readSeq !== undefined) {
      moved += await this.repository.advancePointer(conversationId, [userId], 'readSeq', pointers.readSeq);
    }
    if (pointers.deliveredSeq !== undefined) {
      moved += await this.repository.advancePointer(
        conversationId,
        [userId],
        'deliveredSeq',
        pointers.deliveredSeq,
      );
    }
    return moved > 0;
  }

  /** For /sync: which of these conversations had receipt pointers move after `since`. */
  pointersChangedSince(conversationIds: readonly string[], since: Date): Promise<string[]> {
    return conversationIds.length === 0
      ? Promise.resolve([])
      : this.repository.changedSince(conversationIds, since);
  }

  /**
   * A device of the user connected: their delivered pointer in each of their conversations moves up to its
   * last recorded message. One query (the conversations' `lastSeq`; the memberships come from the connect) instead of a
   * newest-message lookup and a pointer update per conversation, and writes only the pointers that are
   * behind, by membership id. A message stored but not recorded yet is left to its own delivery batch.
   */
  async deliverAllTo(
    memberships: readonly MemberState[],
  ): Promise<Array<{ conversationId: string; seq: number }>> {
    const lastSeqs = await this.repository.lastSeqs(memberships.map((m) => m.conversationId));
    const behind = memberships.flatMap(({ conversationId, membershipId, deliveredSeq }) => {
      const seq = lastSeqs.get(conversationId) ?? 0;
      return seq > deliveredSeq
        ? [{ conversationId, membershipId: new Types.ObjectId(membershipId), seq }]
        : [];
    });
    await Promise.all(
      behind.map(({ conversationId, membershipId, seq }) =>
        this.repository.advanceDeliveredById(conversationId, membershipId, seq),
      ),
    );
    return behind.map(({ conversationId, seq }) => ({ conversationId, seq }));
  }

  /** Bulk forward-only delivered move; returns how many members' pointers moved. */
  advanceDelivered(userIds: readonly string[], conversationId: string, seq: number): Promise<number> {
    return userIds.length === 0
      ? Promise.resolve(0)
      : this.repository.advancePointer(conversationId, userIds, 'deliveredSeq', seq);
  }
}
