import { z } from 'zod';
import { objectIdSchema } from '../common/validation/object-id';

export const ConversationRefSchema = z.object({ conversationId: objectIdSchema }).strict();

export const ReauthSchema = z.object({ token: z.string().min(1).max(4096) }).strict();

/** The ack of `join_conversation`. */
export interface JoinConversationAck {
  conversationId: string;
}

/** The ack of `typing` and `stop_typing`: false when the event was absorbed by the throttle. */
export interface TypingAck {
  relayed: boolean;
}

/** The ack of `reauth`: when the new token expires (ISO 8601). */
export interface ReauthAck {
  expiresAt: string;
}
