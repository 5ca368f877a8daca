import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { objectIdSchema } from '../../common/validation/object-id';
import { ConversationBanRecord } from './conversation-bans.repository';

export const BanUserSchema = z.strictObject({
  userId: objectIdSchema,
  reason: z.string().trim().min(1).max(500).optional(),
});
export class BanUserDto extends createZodDto(BanUserSchema) {}

export interface ConversationBanResponse {
  conversationId: string;
  userId: string;
  bannedBy: string | null;
  reason: string | null;
  createdAt: string;
}

export function toConversationBanResponse(ban: ConversationBanRecord): ConversationBanResponse {
  return {
    conversationId: ban.conversationId.toHexString(),
    userId: ban.userId.toHexString(),
    bannedBy: ban.bannedBy?.toHexString() ?? null,
    reason: ban.reason ?? null,
    createdAt: ban.createdAt.toISOString(),
  };
}
