import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { BackgroundWork } from '../../common/lifecycle/background-work';
import { JobName, NotificationSourcePayload } from '../../common/queue/jobs';
import { JobsService } from '../../common/queue/jobs.service';
import { ConversationKind } from '../../conversations/conversation.schema';
import {
  ConversationsDomainEvent,
  MembersAddedEvent,
  RoleChangedEvent,
} from '../../conversations/conversations.events';
import { ConversationsService } from '../../conversations/conversations.service';
import { MessagesDomainEvent, MessageStoredEvent, ReactionAddedEvent } from '../../messages/messages.events';
import { PresenceService } from '../../presence/presence.service';
import { MemberRole } from '../../realtime/server-events';
import { inboxJobIds } from './inbox-job-ids';
import { messageMayNotify, messageRecipients } from './inbox-policy';
import { InboxService } from './inbox.service';

type Source<S extends NotificationSourcePayload['source']> = Extract<
  NotificationSourcePayload,
  { source: S }
>;

/**
 * Turns what happens elsewhere into inbox entries. Listeners only queue a BullMQ job (ids only, its id
 * derived from the event so it runs once however often it is queued); the job does the reads and writes,
 * off the path of the send, reaction or membership change, and is retried when it fails.
 */
@Injectable()
export class InboxSources {
  constructor(
    private readonly inbox: InboxService,
    private readonly jobs: JobsService,
    private readonly background: BackgroundWork,
    private readonly conversations: ConversationsService,
    private readonly presence: PresenceService,
  ) {}

  /** The hot path: a message that mentions, broadcasts to or replies to nobody else queues nothing. */
  @OnEvent(MessagesDomainEvent.MessageStored)
  messageStored(event: MessageStoredEvent): void {
    if (!messageMayNotify(event)) {
      return;
    }
    this.queue(inboxJobIds.message(event.messageId), {
      source: 'message',
      conversationId: event.conversationId,
      messageId: event.messageId,
      senderId: event.senderId,
      mentions: [...event.mentions],
      broadcast: event.broadcast,
      replyTo: event.replyTo,
    });
  }

  @OnEvent(MessagesDomainEvent.ReactionAdded)
  reactionAdded(event: ReactionAddedEvent): void {
    if (event.userId === event.messageSenderId) {
      return;
    }
    this.queue(inboxJobIds.reaction(event.messageId, event.userId, event.emoji), {
      source: 'reaction',
      ...event,
    });
  }

  @OnEvent(ConversationsDomainEvent.MembersAdded)
  membersAdded(event: MembersAddedEvent): void {
    const at = event.at.toISOString();
    this.queue(inboxJobIds.membersAdded(event.conversationId, at, event.userIds), {
      source: 'members-added',
      conversationId: event.conversationId,
      userIds: [...event.userIds],
      addedBy: event.addedBy,
      at,
    });
  }

  @OnEvent(ConversationsDomainEvent.RoleChanged)
  roleChanged(event: RoleChangedEvent): void {
    const at = event.at.toISOString();
    this.queue(inboxJobIds.roleChanged(event.conversationId, event.userId, event.role, at), {
      source: 'role-changed',
      conversationId: event.conversationId,
      userId: event.userId,
      role: event.role,
      changedBy: event.changedBy,
      at,
    });
  }

  /** The job: one deliver per recipient (each idempotent, so a retried job adds nothing twice). */
  async create(payload: NotificationSourcePayload): Promise<void> {
    switch (payload.source) {
      case 'message':
        return this.fromMessage(payload);
      case 'reaction':
        await this.inbox.deliver(
          {
            userId: payload.messageSenderId,
            kind: 'reaction',
            groupKey: `reaction:${payload.messageId}`,
            sourceId: `reaction:${payload.messageId}:${payload.userId}:${payload.emoji}`,
            actorId: payload.userId,
            conversationId: payload.conversationId,
            messageId: payload.messageId,
            emoji: payload.emoji,
          },
          { push: true },
        );
        return;
      case 'members-added':
        return this.fromMembersAdded(payload);
      case 'role-changed':
        await this.inbox.deliver(
          {
            userId: payload.userId,
            kind: 'role_changed',
            groupKey: `role:${payload.conversationId}`,
            sourceId: `role:${payload.conversationId}:${payload.userId}:${payload.role}:${payload.at}`,
            actorId: payload.changedBy,
            conversationId: payload.conversationId,
            // The job payload spells the role as its string value (common/ sits below the enum's layer).
            role: payload.role as MemberRole,
          },
          { push: true },
        );
        return;
    }
  }

  /**
   * Mentions aggregate per conversation, replies per replied-to message; both point at the newest message.
   * No push: the message's own push already reaches these recipients (mentions and replies break through
   * mutes there). `@all` / `@here` count in groups only, `@here` for the members online now.
   */
  private async fromMessage(payload: Source<'message'>): Promise<void> {
    const { conversationId, messageId, senderId } = payload;
    const candidates = payload.broadcast ? await this.broadcastCandidates(payload) : [];
    const states =
      candidates.length > 0
        ? await this.conversations.notificationStates(conversationId, candidates)
        : new Map();
    const { reply, mentions } = messageRecipients(payload, { candidates, states });
    const common = { actorId: senderId, conversationId, messageId };
    if (reply !== null && payload.replyTo) {
      await this.inbox.deliver({
        ...common,
        userId: reply,
        kind: 'reply',
        groupKey: `reply:${payload.replyTo.messageId}`,
        sourceId: `reply:${messageId}`,
      });
    }
    await inWaves(mentions, (userId) =>
      this.inbox.deliver(
        {
          ...common,
          userId,
          kind: 'mention',
          groupKey: `mention:${conversationId}`,
          sourceId: `mention:${messageId}`,
        },
        { email: true },
      ),
    );
  }

  private async broadcastCandidates(payload: Source<'message'>): Promise<string[]> {
    const member = await this.conversations
      .requireMember(payload.conversationId, payload.senderId)
      .catch(() => null);
    if (member?.kind !== ConversationKind.Group) {
      return [];
    }
    const others = (await this.conversations.cachedMemberIds(payload.conversationId)).filter(
      (userId) => userId !== payload.senderId,
    );
    return payload.broadcast === 'here' ? this.presence.onlineUserIds(others) : others;
  }

  private async fromMembersAdded(payload: Source<'members-added'>): Promise<void> {
    await inWaves(payload.userIds, (userId) =>
      this.inbox.deliver(
        {
          userId,
          kind: 'added_to_conversation',
          groupKey: `added:${payload.conversationId}`,
          sourceId: `added:${payload.conversationId}:${userId}:${payload.at}`,
          actorId: payload.addedBy,
          conversationId: payload.conversationId,
        },
        { push: true },
      ),
    );
  }

  private queue(jobId: string, payload: NotificationSourcePayload): void {
    this.background.run(`Inbox job ${jobId}`, () =>
      this.jobs.enqueue(JobName.CreateNotifications, payload, { jobId }),
    );
  }
}

/** Recipients delivered to at once: an `@all` in a large group goes out in waves, not one by one. */
const PARALLEL_DELIVERIES = 10;

async function inWaves(
  userIds: readonly string[],
  deliver: (userId: string) => Promise<unknown>,
): Promise<void> {
  for (let start = 0; start < userIds.length; start += PARALLEL_DELIVERIES) {
    await Promise.all(userIds.slice(start, start + PARALLEL_DELIVERIES).map(deliver));
  }
}
