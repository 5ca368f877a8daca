import { Injectable } from '@nestjs/common';
import { ConversationsService } from '../../conversations/conversations.service';
import { ConversationNotificationState } from './inbox-policy';

/** Members' notification levels and mutes in one conversation, as the inbox applies them. */
@Injectable()
export class ConversationStates {
  constructor(private readonly conversations: ConversationsService) {}

  /** The state of each of these users who is a member now; non-members are left out. */
  async of(
    conversationId: string,
    userIds: readonly string[],
  ): Promise<Map<string, ConversationNotificationState>> {
    const rows = await this.conversations.mutedStates(conversationId, userIds);
    return new Map(rows.map((row) => [row.userId, { notify: 'all', muted: row.muted }]));
  }
}
