import type { MemberIndex } from '../conversations/membership-cache';

/** In-process domain events of the messages module (`@nestjs/event-emitter`); notifications listen. */
export enum MessagesDomainEvent {
  MessageStored = 'messages.message-stored',
}

/** A message newly inserted (never a resend), after it was announced to the conversation's room. */
export interface MessageStoredEvent {
  conversationId: string;
  messageId: string;
  seq: number;
  senderId: string;
  mentions: readonly string[];
  /** The conversation's members (by user id), the sender included. */
  members: MemberIndex;
  /**
   * The recipients that were online when it was sent, in conversations of up to 20 members when presence
   * could be read (see `ReceiptsService.recipientsReached`); undefined otherwise.
   */
  recipientsReached?: readonly string[];
}
