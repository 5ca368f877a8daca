import { useQuery } from '@tanstack/react-query';
import type { MessageResponse } from '../../api/types';
import { useSignedIn } from '../../auth/auth-context';
import { previewOf } from '../../chat/conversation-list';
import { tokenizeContent } from '../../chat/mentions';

/** The message replied to, quoted; a click scrolls to it when it is loaded. */
export function QuotedMessage({
  conversationId,
  id,
  find,
  nameOf,
  onJump,
}: {
  conversationId: string;
  id: string;
  find: (id: string) => MessageResponse | undefined;
  nameOf: (userId: string) => string;
  onJump: (id: string) => void;
}) {
  const { http } = useSignedIn();
  const loaded = find(id);
  // Not in the window (older than what is loaded): fetch that one message for the quote.
  const fetched = useQuery({
    queryKey: ['message', id],
    enabled: !loaded,
    staleTime: Infinity,
    queryFn: () => http.get<MessageResponse>(`/conversations/${conversationId}/messages/${id}`),
  });
  const quoted = loaded ?? fetched.data;
  const text = quoted ? quoteText(quoted, nameOf) : 'Original message';
  return (
    <button
      type="button"
      className="quote"
      disabled={!loaded}
      onClick={() => onJump(id)}
      aria-label={`Reply to ${quoted ? nameOf(quoted.senderId) : 'a message'}: ${text}${loaded ? '. Go to message' : ''}`}
    >
      <span className="quote-sender">{quoted ? nameOf(quoted.senderId) : ''}</span>
      <span className="quote-text">{text}</span>
    </button>
  );
}

export function quoteText(message: MessageResponse, nameOf: (userId: string) => string): string {
  if (message.deletedAt) {
    return 'Message deleted';
  }
  if (!message.content) {
    return previewOf(message) || 'Message';
  }
  return tokenizeContent(message.content)
    .map((token) => (token.kind === 'text' ? token.text : `@${nameOf(token.userId)}`))
    .join('')
    .slice(0, 140);
}
