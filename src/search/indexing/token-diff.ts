import type { MessageTextChangedEvent } from '../../messages/messages.events';
import { messageTokens } from '../text/message-tokens';

/** The index tokens a change gives the message (`added`) and takes from it (`removed`); plaintext, never stored. */
export interface TokenDiff {
  added: string[];
  removed: string[];
}

/** Tokens of the text before and after, compared: a token both have is left as it is. */
export function tokenDiff(event: MessageTextChangedEvent): TokenDiff {
  const tokensOf = (text: MessageTextChangedEvent['before']): Set<string> =>
    new Set(
      text
        ? messageTokens({
            conversationId: event.conversationId,
            messageId: event.messageId,
            senderId: event.senderId,
            createdAt: event.createdAt,
            content: text.content,
            attachments: text.attachments,
          })
        : [],
    );
  const before = tokensOf(event.before);
  const after = tokensOf(event.after);
  return {
    added: [...after].filter((token) => !before.has(token)),
    removed: [...before].filter((token) => !after.has(token)),
  };
}
