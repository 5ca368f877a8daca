import type { MessageResponse } from '../../messages/message.response';
import type { SearchHighlights } from '../search.dto';
import { QueryClause } from '../text/search-query';
import { matchMessage } from '../text/search-match';

/** What a viewer may find: not from senders they blocked, and only from `from` when they asked so. */
export interface HitRules {
  blocked: ReadonlySet<string>;
  from?: string;
}

/**
 * Whether a candidate the index proposed is a hit, with what to highlight: the index only narrows (tokens
 * co-occur, a prefix is cut to 5 characters, and it may lag an edit or a delete), so the decrypted message is
 * checked against every clause and against what the viewer may see. Null when it is no hit.
 */
export function confirmHit(
  message: MessageResponse | null,
  conversationId: string,
  clauses: readonly QueryClause[],
  rules: HitRules,
): SearchHighlights | null {
  if (
    message === null ||
    message.conversationId !== conversationId ||
    message.deletedAt !== null ||
    rules.blocked.has(message.senderId) ||
    (rules.from !== undefined && message.senderId !== rules.from)
  ) {
    return null;
  }
  return matchMessage(
    message.content,
    message.attachments.map((attachment) => attachment.name),
    clauses,
  );
}
