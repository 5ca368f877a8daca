import type { MemberIndex } from '../conversations/membership-cache';

/** In-process domain events of the messages module (`@nestjs/event-emitter`); notifications listen. */
export enum MessagesDomainEvent {
  MessageStored = 'messages.message-stored',
  /** A member reacted to a message (not sent for a removal). */
  ReactionAdded = 'messages.reaction-added',
  /** A message with uploads attached became a tombstone (its sender, a group admin or a moderator). */
  MediaReleased = 'messages.media-released',
}

/** A message newly inserted (never a resend), after it was announced to the conversation's room. */
export interface MessageStoredEvent {
  conversationId: string;
  messageId: string;
  seq: number;
  senderId: string;
  mentions: readonly string[];
  /** `@all` or `@here` in the text (acted on in groups only), null when neither. */
  broadcast: 'all' | 'here' | null;
  /** The message this one replies to and its sender (read by the send already), null when it is no reply. */
  replyTo: { messageId: string; senderId: string } | null;
  /** The conversation's members (by user id), the sender included. */
  members: MemberIndex;
  /**
   * The recipients that were online when it was sent, in conversations of up to 20 members when presence
   * could be read (see `ReceiptsService.recipientsReached`); undefined otherwise.
   */
  recipientsReached?: readonly string[];
}

export interface ReactionAddedEvent {
  conversationId: string;
  messageId: string;
  /** Who sent the message reacted to. */
  messageSenderId: string;
  /** Who reacted. */
  userId: string;
  emoji: string;
}

/** The uploads a deleted message no longer shows: the upload module deletes them at the media host. */
export interface MediaReleasedEvent {
  conversationId: string;
  messageId: string;
  uploadIds: readonly string[];
}
