import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ServerEvent } from '../realtime/events';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { ConversationBansRepository } from './bans/conversation-bans.repository';
import { ConversationKind } from './conversation.schema';
import { GroupAction, mayRemove } from './conversation-policy';
import { ConversationResponse, MemberSummary } from './conversations.dto';
import { ConversationsError, ConversationsErrorCode } from './conversations.errors';
import {
  ConversationsDomainEvent,
  MemberRemovedEvent,
  MembersAddedEvent,
  RoleChangedEvent,
} from './conversations.events';
import { ConversationsRepository } from './conversations.repository';
import { ConversationsService } from './conversations.service';
import { MembershipCache } from './membership-cache';
import { MembershipLock } from './membership-lock';
import { MemberRole } from './membership.schema';

/**
 * Group membership changes: add, remove or leave, change role. Each runs under the conversation's membership
 * lock, so the member limit and "the last owner cannot leave" hold when changes race.
 */
@Injectable()
export class ConversationMembersService {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly repository: ConversationsRepository,
    private readonly publisher: RealtimePublisher,
    private readonly lock: MembershipLock,
    private readonly cache: MembershipCache,
    private readonly bans: ConversationBansRepository,
    private readonly events: EventEmitter2,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Adds the users who are not members yet; the others are ignored. */
  add(conversationId: string, userId: string, userIds: string[]): Promise<ConversationResponse> {
    return this.lock.run(conversationId, async () => {
      await this.conversations.requireGroupAction(conversationId, userId, GroupAction.AddMembers);
      const current = await this.conversations.memberIds(conversationId);
      const added = [...new Set(userIds)].filter((id) => !current.includes(id));
      if (added.length > 0) {
        await this.conversations.requireUsers(added);
        const banned = await this.bans.bannedAmong(conversationId, added);
        if (banned.length > 0) {
          throw new ConversationsError(ConversationsErrorCode.UserBanned, undefined, { userIds: banned });
        }
        const max = this.config.conversations.maxMembers;
        if (!(await this.repository.reserveSeats(conversationId, added.length, max))) {
          throw new ConversationsError(ConversationsErrorCode.TooManyMembers);
        }
        await this.repository.insertMemberships(
          conversationId,
          added.map((id) => ({ userId: id, role: MemberRole.Member })),
        );
        await this.cache.changed(conversationId, added);
        await this.conversations.announceMembers(conversationId, added, userId, [...current, ...added]);
        this.events.emit(ConversationsDomainEvent.MembersAdded, {
          conversationId,
          userIds: added,
          addedBy: userId,
          at: new Date(),
        } satisfies MembersAddedEvent);
      }
      return this.conversations.get(conversationId, userId);
    });
  }

  /** Removes another member (by an admin/owner) or leaves (when `targetId` is the caller). */
  remove(conversationId: string, userId: string, targetId: string): Promise<void> {
    return this.lock.run(conversationId, async () => {
      const me = await this.conversations.requireMember(conversationId, userId);
      if (me.kind === ConversationKind.Direct) {
        throw new ConversationsError(ConversationsErrorCode.DirectIsFixed);
      }
      const target = targetId === userId ? me : await this.requireTarget(conversationId, targetId);
      if (targetId !== userId && !mayRemove(me.role, target.role)) {
        throw new ConversationsError(ConversationsErrorCode.NotAllowed);
      }
      if (target.role === MemberRole.Owner && (await this.repository.countOwners(conversationId)) <= 1) {
        throw new ConversationsError(ConversationsErrorCode.LastOwner);
      }
      await this.detach(conversationId, targetId, userId);
    });
  }

  /**
   * Removes a banned member (the ban is stored first, so an add racing with this is refused). An owner
   * is never removed this way; a user who is no longer a member is left as is.
   */
  expel(conversationId: string, targetId: string, removedBy: string | null): Promise<void> {
    return this.lock.run(conversationId, async () => {
      const target = await this.repository.findMembership(conversationId, targetId);
      if (!target) {
        return;
      }
      if (target.role === MemberRole.Owner) {
        throw new ConversationsError(ConversationsErrorCode.CannotBanOwner);
      }
      await this.detach(conversationId, targetId, removedBy);
    });
  }

  /** The removal itself, under the lock: every member hears it and the removed user's sockets leave the room. */
  private async detach(conversationId: string, targetId: string, removedBy: string | null): Promise<void> {
    const audience = await this.conversations.memberIds(conversationId);
    await this.repository.removeMembership(conversationId, targetId);
    await this.cache.changed(conversationId, [targetId]);
    await this.repository.releaseSeats(conversationId, 1);
    // Sent to the users (the removed one included) rather than the room, which they are about to leave.
    this.publisher.toUsers(audience, ServerEvent.MemberRemoved, {
      conversationId,
      userId: targetId,
      removedBy,
    });
    await this.publisher.leaveConversation([targetId], conversationId);
    this.memberRemoved(conversationId, targetId, removedBy);
  }

  private memberRemoved(conversationId: string, userId: string, removedBy: string | null): void {
    this.events.emit(ConversationsDomainEvent.MemberRemoved, {
      conversationId,
      userId,
      removedBy,
    } satisfies MemberRemovedEvent);
  }

  /**
   * Account deletion: the user leaves, whatever the conversation's kind. A group's sole owner first hands
   * ownership to the oldest admin, else the oldest member; a group left empty stays as it is. Safe to repeat:
   * a membership already gone changes nothing.
   */
  leaveForDeletion(conversationId: string, userId: string): Promise<void> {
    return this.lock.run(conversationId, async () => {
      const membership = await this.repository.findMembership(conversationId, userId);
      if (!membership) {
        return;
      }
      await this.repository.clearLastPreviewOf(conversationId, userId);
      if (membership.role === MemberRole.Owner && (await this.repository.countOwners(conversationId)) <= 1) {
        await this.handOwnership(conversationId, userId);
      }
      const audience = await this.conversations.memberIds(conversationId);
      if (await this.repository.removeMembership(conversationId, userId)) {
        await this.repository.releaseSeats(conversationId, 1);
      }
      await this.cache.changed(conversationId, [userId]);
      this.publisher.toUsers(
        audience.filter((id) => id !== userId),
        ServerEvent.MemberRemoved,
        { conversationId, userId, removedBy: userId },
      );
      await this.publisher.leaveConversation([userId], conversationId);
      this.memberRemoved(conversationId, userId, userId);
    });
  }

  private async handOwnership(conversationId: string, leavingId: string): Promise<void> {
    const others = (await this.repository.members(conversationId)).filter(
      (member) => member.userId.toHexString() !== leavingId,
    );
    const heir = others.find((member) => member.role === MemberRole.Admin) ?? others[0];
    if (!heir) {
      return;
    }
    const heirId = heir.userId.toHexString();
    await this.repository.setRole(conversationId, heirId, MemberRole.Owner);
    await this.cache.changed(conversationId);
    this.publisher.toConversation(conversationId, ServerEvent.ConversationUpdated, {
      conversationId,
      member: { userId: heirId, role: MemberRole.Owner },
      updatedBy: leavingId,
    });
  }

  /** Owners only; an owner may step down only while another owner remains. */
  changeRole(
    conversationId: string,
    userId: string,
    targetId: string,
    role: MemberRole,
  ): Promise<MemberSummary> {
    return this.lock.run(conversationId, async () => {
      await this.conversations.requireGroupAction(conversationId, userId, GroupAction.ChangeRole);
      const target = await this.requireTarget(conversationId, targetId);
      const demotesOwner = target.role === MemberRole.Owner && role !== MemberRole.Owner;
      if (demotesOwner && (await this.repository.countOwners(conversationId)) <= 1) {
        throw new ConversationsError(ConversationsErrorCode.LastOwner);
      }
      await this.repository.setRole(conversationId, targetId, role);
      await this.cache.changed(conversationId);
      this.publisher.toConversation(conversationId, ServerEvent.ConversationUpdated, {
        conversationId,
        member: { userId: targetId, role },
        updatedBy: userId,
      });
      if (target.role !== role) {
        this.events.emit(ConversationsDomainEvent.RoleChanged, {
          conversationId,
          userId: targetId,
          role,
          changedBy: userId,
          at: new Date(),
        } satisfies RoleChangedEvent);
      }
      return this.conversations.memberSummary(conversationId, targetId);
    });
  }

  private async requireTarget(conversationId: string, targetId: string) {
    const target = await this.conversations.requireMember(conversationId, targetId).catch(() => null);
    if (!target) {
      throw new ConversationsError(ConversationsErrorCode.NotFound, 'Member not found');
    }
    return target;
  }
}
