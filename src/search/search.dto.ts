import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { objectIdSchema } from '../common/validation/object-id';
import type { ConversationBrief } from '../conversations/conversations.dto';
import type { MessageResponse } from '../messages/message.response';
import type { MessageMatch } from './text/search-match';

/** What `has=` asks for: any attachment, one of a kind (audio covers voice notes), or a link in the text. */
export const SEARCH_HAS = ['attachment', 'link', 'image', 'video', 'audio', 'file'] as const;
export type SearchHas = (typeof SEARCH_HAS)[number];

const messageTime = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

/**
 * `q` is checked by the query parser (length, terms, syntax: see search/text/search-query), whose codes say
 * what is wrong with it; everything else here.
 */
export const SearchMessagesSchema = z
  .strictObject({
    q: z.string(),
    conversationId: objectIdSchema.optional(),
    from: objectIdSchema.optional(),
    before: messageTime.optional(),
    after: messageTime.optional(),
    has: z.enum(SEARCH_HAS).optional(),
    prefix: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .refine((query) => !query.before || !query.after || query.after < query.before, {
    message: 'must be earlier than before',
    path: ['after'],
  });
export class SearchMessagesDto extends createZodDto(SearchMessagesSchema) {}
export type SearchMessagesQuery = z.output<typeof SearchMessagesSchema>;

/** UTF-16 `[start, end)` offsets into the decrypted content and attachment names. */
export type SearchHighlights = MessageMatch;

export interface SearchHit {
  message: MessageResponse;
  conversation: ConversationBrief;
  highlights: SearchHighlights;
}

export interface SearchMessagesResponse {
  items: SearchHit[];
  nextCursor: string | null;
}
