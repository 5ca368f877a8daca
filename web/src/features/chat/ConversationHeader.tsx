import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { ConversationResponse } from '../../api/types';
import { errorMessage } from '../../api/api-error';
import { useSignedIn } from '../../auth/auth-context';
import { queryKeys } from '../../app/query-keys';
import { conversationAvatarUrl } from '../../chat/avatars';
import { conversationTitle, directPeer, isGroup, upsertConversation } from '../../chat/conversation-list';
import { useKeyed, useTypingIn } from '../../chat/hooks';
import { typingLine } from '../../chat/names';
import { useBlockOf } from '../settings/blocks';
import { CallButtons } from '../calls/CallButtons';
import { Avatar } from './Avatar';
import { Menu } from './Menu';
import { ConfirmDialog } from '../../ui/Modal';
import { MUTE_FOREVER_BODY, mutedNow, UNMUTE_BODY } from '../../notifications/conversation-prefs';
import { useNow } from '../../notifications/use-now';

/** Title, who is typing (or presence / member count), and the conversation menu (mute, group info). */
export function ConversationHeader({
  conversation,
  nameOf,
  openInfo,
  openNotifications,
  openReport,
  openDialog,
  notify,
}: {
  conversation: ConversationResponse;
  nameOf: (userId: string) => string;
  openInfo: () => void;
  /** The conversation's notification level and mute. */
  openNotifications: () => void;
  /** Moderation: report the other person of a direct chat. */
  openReport?: (userId: string, name: string) => void;
  openDialog: (render: (close: () => void) => ReactNode) => void;
  notify: (text: string) => void;
}) {
  const { user, session, http } = useSignedIn();
  const queries = useQueryClient();
  const title = conversationTitle(conversation, user.id);
  const peer = directPeer(conversation, user.id);
  const presence = useKeyed(session.presence, peer);
  const typing = useTypingIn(conversation.id);
  const block = useBlockOf(peer);
  const now = useNow();

  let subtitle = '';
  if (typing.length > 0) {
    subtitle = isGroup(conversation) ? typingLine(typing.map(nameOf)) : 'typing…';
  } else if (peer) {
    subtitle = presence?.online
      ? 'online'
      : presence?.lastSeenAt
        ? `last seen ${lastSeen(presence.lastSeenAt)}`
        : '';
  } else {
    subtitle = `${conversation.memberCount} members`;
  }

  async function setMuted(muted: boolean) {
    try {
      const updated = await http.patch<ConversationResponse>(
        `/conversations/${conversation.id}/me`,
        muted ? MUTE_FOREVER_BODY : UNMUTE_BODY,
      );
      queries.setQueryData<ConversationResponse[]>(queryKeys.conversations, (list) =>
        upsertConversation(list ?? [], updated),
      );
      notify(muted ? 'Notifications muted' : 'Notifications on');
    } catch (error) {
      notify(errorMessage(error));
    }
  }

  function setBlocked(blocked: boolean) {
    block.setBlocked.mutate(
      { userId: peer ?? '', blocked },
      {
        onSuccess: () => notify(blocked ? `${title} blocked` : `${title} unblocked`),
        onError: (error) => notify(errorMessage(error)),
      },
    );
  }

  function confirmBlock() {
    openDialog((close) => (
      <ConfirmDialog
        title={`Block ${title}?`}
        message="They will not be able to message you or see when you are online. They are not told."
        confirmLabel="Block"
        onClose={close}
        onConfirm={() => setBlocked(true)}
      />
    ));
  }

  return (
    <header className="conversation-header">
      <Link to="/" className="back-link icon-button" aria-label="Back to conversations">
        <span aria-hidden="true">←</span>
      </Link>
      <Avatar
        id={peer ?? conversation.id}
        name={title}
        url={conversationAvatarUrl(conversation, user.id)}
        online={peer ? (presence?.online ?? false) : undefined}
      />
      <div className="header-text">
        <h2>
          {title}
          {mutedNow(conversation, now) ? (
            <span className="muted-icon" role="img" aria-label="muted">
              {' '}
              🔕
            </span>
          ) : null}
        </h2>
        <p className={`subtitle${typing.length > 0 ? ' typing' : ''}`} aria-live="polite">
          {subtitle}
        </p>
      </div>
      <Link
        to={`/search?conversation=${encodeURIComponent(conversation.id)}`}
        className="icon-button"
        aria-label="Search in this conversation"
        title="Search in this conversation"
      >
        <span aria-hidden="true">🔍</span>
      </Link>
      <CallButtons conversation={conversation} blocked={peer !== null && block.blocked} />
      <Menu
        label="Conversation menu"
        icon="⋮"
        items={[
          mutedNow(conversation, now)
            ? { id: 'unmute', label: 'Unmute notifications', onSelect: () => void setMuted(false) }
            : { id: 'mute', label: 'Mute notifications', onSelect: () => void setMuted(true) },
          { id: 'notifications', label: 'Notification settings', onSelect: openNotifications },
          ...(isGroup(conversation) ? [{ id: 'info', label: 'Group info', onSelect: openInfo }] : []),
          ...(peer && block.loaded
            ? [
                block.blocked
                  ? { id: 'unblock', label: `Unblock ${title}`, onSelect: () => setBlocked(false) }
                  : { id: 'block', label: `Block ${title}`, onSelect: confirmBlock },
              ]
            : []),
          ...(peer && openReport
            ? [{ id: 'report', label: `Report ${title}`, onSelect: () => openReport(peer, title) }]
            : []),
        ]}
      />
    </header>
  );
}

function lastSeen(iso: string): string {
  const date = new Date(iso);
  const today = new Date().toDateString() === date.toDateString();
  return today
    ? `today at ${date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`
    : date.toLocaleDateString([], { day: 'numeric', month: 'short' });
}
