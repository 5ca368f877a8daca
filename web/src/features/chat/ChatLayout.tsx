import { Link, Outlet, useParams } from 'react-router';
import { useSignedIn } from '../../auth/auth-context';
import { ConnectionBanner } from './ConnectionBanner';
import { ConversationList } from './ConversationList';

/** Sidebar with the conversation list beside the open conversation; one pane at a time at phone width. */
export function ChatLayout() {
  const { user } = useSignedIn();
  const { conversationId } = useParams();
  return (
    <div className={`chat-layout${conversationId ? ' has-open' : ''}`}>
      <aside className="sidebar" aria-label="Conversations">
        <header className="sidebar-header">
          <span className="brand">Parley</span>
          <span className="me" title={user.email ?? undefined}>
            {user.displayName}
          </span>
          <Link to="/settings" className="settings-link">Settings</Link>
        </header>
        <ConnectionBanner />
        <ConversationList activeId={conversationId ?? null} />
      </aside>
      <main className="conversation-pane">
        <Outlet />
      </main>
    </div>
  );
}
