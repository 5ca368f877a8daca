import type { MemberRole } from './membership.schema';

/** In-process domain events of the conversations module (`@nestjs/event-emitter`); notifications listen. */
export enum ConversationsDomainEvent {
  /** Users became members of a group (created with them, or added later). */
  MembersAdded = 'conversations.members-added',
  /** A group member's role changed. */
  RoleChanged = 'conversations.role-changed',
  /** A member left a group, was removed or banned from it, or left with their deleted account. */
  MemberRemoved = 'conversations.member-removed',
}

export interface MembersAddedEvent {
  conversationId: string;
  /** The users added (never the one who added them). */
  userIds: readonly string[];
  addedBy: string;
  at: Date;
}

export interface RoleChangedEvent {
  conversationId: string;
  userId: string;
  role: MemberRole;
  changedBy: string;
  at: Date;
}

export interface MemberRemovedEvent {
  conversationId: string;
  userId: string;
  /** Null when the system removed them (a ban by a moderator tool). */
  removedBy: string | null;
}
