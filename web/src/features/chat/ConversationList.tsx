import type { KeyboardEvent } from 'react';
import type { ConversationResponse } from '../../api/types';
import { useSignedIn } from '../../auth/auth-context';
import { directPeers } from '../../chat/conversation-list';
import { useConversations, usePresenceOf } from '../../chat/hooks';
import { ConversationRow } from './ConversationRow';

/** The conversations, newest activity first; ArrowUp/ArrowDown move between rows. */
export function ConversationList({ activeId }: { activeId: string | null }) {
  const { user } = useSignedIn();
  const conversations = useConversations();
  usePresenceOf(conversations.data ? directPeers(conversations.data, user.id) : []);
  if (conversations.isPending) {
    return <p className="muted pad">Loading conversations…</p>;
  }
  if (conversations.isError) {
    return <p className="form-error pad">Could not load conversations.</p>;
  }
  if (conversations.data.length === 0) {
    return <p className="muted pad">No conversations yet. Start one with “New chat”.</p>;
  }
  return <ConversationRows conversations={conversations.data} activeId={activeId} />;
}

/** Rows of conversations (the whole list, or a filtered one), with arrow-key movement between them. */
export function ConversationRows({
  conversations,
  activeId,
  label,
}: {
  conversations: readonly ConversationResponse[];
  activeId: string | null;
  label?: string;
}) {
  return (
    <ul className="conversation-list" aria-label={label} onKeyDown={moveFocus}>
      {conversations.map((conversation) => (
        <li key={conversation.id}>
          <ConversationRow conversation={conversation} active={conversation.id === activeId} />
        </li>
      ))}
    </ul>
  );
}

function moveFocus(event: KeyboardEvent<HTMLUListElement>) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') {
    return;
  }
  const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>('a.conversation-item')];
  const index = links.indexOf(document.activeElement as HTMLAnchorElement);
  const next = links[index + (event.key === 'ArrowDown' ? 1 : -1)];
  if (next) {
    event.preventDefault();
    next.focus();
  }
}
