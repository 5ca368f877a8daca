import { Link } from 'react-router';
import type { ConversationResponse } from '../../api/types';
import { useSignedIn } from '../../auth/auth-context';
import { conversationAvatarUrl } from '../../chat/avatars';
import { conversationTitle, directPeer, isGroup, listTime, previewLine } from '../../chat/conversation-list';
import { useKeyed, useTypingIn } from '../../chat/hooks';
import { typingLine } from '../../chat/names';
import { mutedNow } from '../../notifications/conversation-prefs';
import { useNow } from '../../notifications/use-now';
import { Avatar } from './Avatar';

export function ConversationRow({
  conversation,
  active,
}: {
  conversation: ConversationResponse;
  active: boolean;
}) {
  const { user, session } = useSignedIn();
  const now = useNow();
  const title = conversationTitle(conversation, user.id);
  const peer = directPeer(conversation, user.id);
  const presence = useKeyed(session.presence, peer);
  const typing = useTypingIn(conversation.id);
  const typingNames = typing.map(
    (id) =>
      conversation.members.find((member) => member.userId === id)?.displayName.split(' ')[0] ?? 'Someone',
  );
  const online = peer ? (presence?.online ?? false) : undefined;
  const unread = conversation.unreadCount;
  const muted = mutedNow(conversation, now);
  const label = [
    title,
    online ? 'online' : null,
    muted ? 'muted' : null,
    unread > 0 ? `${unread} unread` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <Link
      to={`/c/${conversation.id}`}
      className={`conversation-item${unread > 0 ? ' unread' : ''}`}
      aria-current={active ? 'page' : undefined}
      aria-label={label}
      data-conversation-id={conversation.id}
    >
      <Avatar
        id={peer ?? conversation.id}
        name={title}
        url={conversationAvatarUrl(conversation, user.id)}
        online={online}
      />
      <span className="title">{title}</span>
      <span className="time">
        {conversation.lastMessage ? listTime(conversation.lastMessage.createdAt) : ''}
      </span>
      {typing.length > 0 ? (
        <span className="preview typing">{isGroup(conversation) ? typingLine(typingNames) : 'typing…'}</span>
      ) : (
        <span className="preview">{previewLine(conversation, user.id)}</span>
      )}
      <span className="row-flags">
        {muted ? (
          <span className="muted-icon" title="Muted" aria-hidden="true">
            🔕
          </span>
        ) : null}
        {unread > 0 ? (
          <span className={`badge${muted ? ' quiet' : ''}`} aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </span>
    </Link>
  );
}
