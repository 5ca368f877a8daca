import type { MemberIndex } from '../conversations/membership-cache';

/** In-process domain events of the messages module (`@nestjs/event-emitter`); notifications and search listen. */
export enum MessagesDomainEvent {
  MessageStored = 'messages.message-stored',
  /** A member reacted to a message (not sent for a removal). */
  ReactionAdded = 'messages.reaction-added',
  /** A message with uploads attached became a tombstone (its sender, a group admin or a moderator). */
  MediaReleased = 'messages.media-released',
  /**
   * A message's searchable text changed: sent, edited, or gone (a tombstone, an erased account). Carries the
   * plaintext, in process only: search turns it into blind index tokens off the send path.
   */
  TextChanged = 'messages.text-changed',
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

/** What search indexes of a message: its content and its attachments' names (plaintext) with their kinds. */
export interface IndexedText {
  content: string | null;
  /** `kind`: image, video, audio, voice or file (a legacy attachment's is read from its MIME type). */
  attachments: ReadonlyArray<{ name: string; kind: string }>;
}

/** Never leaves the process (no job payload, no log): it holds the message's plaintext. */
export interface MessageTextChangedEvent {
  conversationId: string;
  messageId: string;
  senderId: string;
  createdAt: Date;
  /** Null on send. */
  before: IndexedText | null;
  /** Null once the message is gone (a tombstone by its sender, an admin or moderation; an erased account). */
  after: IndexedText | null;
}
