import { z } from 'zod';
import { objectIdSchema } from '../common/validation/object-id';

export const ConversationRefSchema = z.object({ conversationId: objectIdSchema }).strict();

export const ReauthSchema = z.object({ token: z.string().min(1).max(4096) }).strict();
