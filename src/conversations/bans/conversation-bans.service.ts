import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { AuditAction, AuditTargetType } from '../../audit/audit-action';
import { AuditService } from '../../audit/audit.service';
import { ConversationMembersService } from '../conversation-members.service';
import { GroupAction, mayRemove } from '../conversation-policy';
import { ConversationKind } from '../conversation.schema';
import { ConversationsError, ConversationsErrorCode } from '../conversations.errors';
import { ConversationsRepository } from '../conversations.repository';
import { ConversationsService } from '../conversations.service';
import { MemberRole } from '../membership.schema';
import { ConversationBanResponse, toConversationBanResponse } from './conversation-bans.dto';
import { ConversationBansRepository } from './conversation-bans.repository';

export interface BanOptions {
  reason?: string;
  /**
   * A platform moderator or admin acting (through a report): no group role is needed, and `actorId` may be
   * null; an owner still cannot be banned.
   */
  asModerator?: boolean;
}

/**
 * Bans keep a user out of a group until unbanned: banning removes them (as a removal by an owner or admin
 * does: every member hears `member_removed` and their sockets leave the room on every instance), and adding
 * them back is refused with USER_BANNED. Group owners and admins manage bans; so do platform moderators
 * through `asModerator`.
 */
@Injectable()
export class ConversationBansService {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly repository: ConversationsRepository,
    private readonly members: ConversationMembersService,
    private readonly bans: ConversationBansRepository,
    private readonly audit: AuditService,
  ) {}

  async ban(
    conversationId: string,
    actorId: string | null,
    userId: string,
    input: BanOptions = {},
  ): Promise<ConversationBanResponse> {
    const actorRole = await this.authorize(conversationId, actorId, input.asModerator);
    await this.conversations.requireUsers([userId]);
    const target = await this.repository.findMembership(conversationId, userId);
    if (target?.role === MemberRole.Owner) {
      throw new ConversationsError(ConversationsErrorCode.CannotBanOwner);
    }
    if (actorRole && (userId === actorId || (target && !mayRemove(actorRole, target.role)))) {
      throw new ConversationsError(ConversationsErrorCode.NotAllowed);
    }
    const ban = await this.bans.upsert({ conversationId, userId, bannedBy: actorId, reason: input.reason });
    await this.members.expel(conversationId, userId, actorId);
    this.audit.record({
      action: AuditAction.MemberBanned,
      ...(actorId === null ? { actor: null } : {}),
      target: { type: AuditTargetType.Conversation, id: conversationId },
      details: { userId, reason: input.reason ?? null, asModerator: input.asModerator ?? false },
    });
    return toConversationBanResponse(ban);
  }

  async unban(
    conversationId: string,
    actorId: string | null,
    userId: string,
    input: Pick<BanOptions, 'asModerator'> = {},
  ): Promise<void> {
    await this.authorize(conversationId, actorId, input.asModerator);
    if (!(await this.bans.remove(conversationId, userId))) {
      throw new ConversationsError(ConversationsErrorCode.BanNotFound);
    }
    this.audit.record({
      action: AuditAction.MemberUnbanned,
      ...(actorId === null ? { actor: null } : {}),
      target: { type: AuditTargetType.Conversation, id: conversationId },
      details: { userId, asModerator: input.asModerator ?? false },
    });
  }

  async list(
    conversationId: string,
    actorId: string | null,
    input: Pick<BanOptions, 'asModerator'> = {},
  ): Promise<ConversationBanResponse[]> {
    await this.authorize(conversationId, actorId, input.asModerator);
    return (await this.bans.list(conversationId)).map(toConversationBanResponse);
  }

  /**
   * The actor's role in the group (null for a platform moderator). Non-members get 404, so a group's
   * existence is not revealed; direct conversations have no bans.
   */
  private async authorize(
    conversationId: string,
    actorId: string | null,
    asModerator = false,
  ): Promise<MemberRole | null> {
    if (!asModerator) {
      if (actorId === null) {
        throw new ConversationsError(ConversationsErrorCode.NotAllowed);
      }
      return (await this.conversations.requireGroupAction(conversationId, actorId, GroupAction.RemoveMember))
        .role;
    }
    const conversation = Types.ObjectId.isValid(conversationId)
      ? await this.repository.findById(conversationId)
      : null;
    if (!conversation) {
      throw new ConversationsError(ConversationsErrorCode.NotFound);
    }
    if (conversation.kind === ConversationKind.Direct) {
      throw new ConversationsError(ConversationsErrorCode.DirectIsFixed);
    }
    return null;
  }
}
