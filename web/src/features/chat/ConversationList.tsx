import { Link } from 'react-router';
import { useSignedIn } from '../../auth/auth-context';
import { conversationTitle } from '../../chat/conversation-list';
import { useConversations } from '../../chat/hooks';

export function ConversationList({ activeId }: { activeId: string | null }) {
  const { user } = useSignedIn();
  const conversations = useConversations();
  if (conversations.isPending) {
    return <p className="muted pad">Loading conversations…</p>;
  }
  if (conversations.isError) {
    return <p className="form-error pad">Could not load conversations.</p>;
  }
  return (
    <ul className="conversation-list">
      {conversations.data.map((conversation) => (
        <li key={conversation.id}>
          <Link
            to={`/c/${conversation.id}`}
            className="conversation-item"
            aria-current={conversation.id === activeId ? 'page' : undefined}
          >
            <span className="title">{conversationTitle(conversation, user.id)}</span>
            <span className="preview">{conversation.lastMessage?.preview ?? ''}</span>
            {conversation.unreadCount > 0 ? (
              <span className="badge" aria-label={`${conversation.unreadCount} unread`}>
                {conversation.unreadCount}
              </span>
            ) : null}
          </Link>
        </li>
      ))}
    </ul>
  );
}
