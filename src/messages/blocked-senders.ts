import { Injectable } from '@nestjs/common';
import { ConversationKind } from '../conversations/conversation.schema';
import { ConversationsError, ConversationsErrorCode } from '../conversations/conversations.errors';
import { ConversationsService } from '../conversations/conversations.service';
import { MemberIndex } from '../conversations/membership-cache';
import { BlockRelations, BlocksService } from '../users/blocks/blocks.service';
import { MessageResponse } from './message.response';

/**
 * How blocks shape messages: nobody writes into a direct chat where either side blocked the other, and in
 * groups a blocker still receives the blocked user's messages, flagged `senderBlocked` so clients can hide
 * them. The sender is never told who blocked them.
 */
@Injectable()
export class BlockedSenders {
  constructor(
    private readonly blocks: BlocksService,
    private readonly conversations: ConversationsService,
  ) {}

  relationsOf(userId: string): Promise<BlockRelations> {
    return this.blocks.relationsOf(userId);
  }

  /**
   * The members who blocked the sender (their copy of the message is flagged); throws when the conversation
   * is a direct chat between users one of whom blocked the other. Costs a read only when a blocked user is
   * among the members.
   */
  async checkSend(
    conversationId: string,
    senderId: string,
    members: MemberIndex,
    relations: BlockRelations,
  ): Promise<string[]> {
    const blockedMembers = [...members.keys()].filter(
      (userId) => relations.blocked.has(userId) || relations.blockedBy.has(userId),
    );
    if (blockedMembers.length === 0) {
      return [];
    }
    const { kind } = await this.conversations.requireMember(conversationId, senderId);
    if (kind === ConversationKind.Direct) {
      throw new ConversationsError(ConversationsErrorCode.DirectBlocked);
    }
    return blockedMembers.filter((userId) => relations.blockedBy.has(userId));
  }

  /** Flags, for this viewer, the messages of senders they blocked. */
  async flagFor(viewerId: string, messages: MessageResponse[]): Promise<MessageResponse[]> {
    const { blocked } = await this.blocks.relationsOf(viewerId);
    return blocked.size === 0 ? messages : messages.map((message) => flagged(message, blocked));
  }
}

function flagged(message: MessageResponse, blocked: ReadonlySet<string>): MessageResponse {
  return blocked.has(message.senderId) ? { ...message, senderBlocked: true } : message;
}
