import { useState } from 'react';
import { Link, Outlet, useMatch, useParams } from 'react-router';
import { useSignedIn } from '../../auth/auth-context';
import { ModerationNav } from '../moderation/AdminShell';
import { NotificationBell } from '../notifications/NotificationBell';
import { useReadFromLink } from '../notifications/use-read-from-link';
import { ConversationFilter } from '../search/ConversationFilter';
import { useSearchShortcut } from '../search/use-search-shortcut';
import './chat.css';
import { ConnectionBanner } from './ConnectionBanner';
import { NewChatDialog } from './NewChatDialog';

/**
 * Sidebar with the conversation list beside the open conversation (or the notification center); one pane at
 * a time at phone width.
 */
export function ChatLayout() {
  const { user } = useSignedIn();
  const { conversationId } = useParams();
  const inNotifications = useMatch('/notifications') !== null;
  const inCalls = useMatch('/calls') !== null;
  const inSearch = useMatch('/search') !== null;
  const [creating, setCreating] = useState(false);
  useReadFromLink();
  useSearchShortcut();
  return (
    <div
      className={`chat-layout${conversationId || inNotifications || inCalls || inSearch ? ' has-open' : ''}`}
    >
      <aside className="sidebar" aria-label="Conversations">
        <header className="sidebar-header">
          <span className="brand">Parley</span>
          <span className="me" title={user.email ?? undefined}>
            {user.displayName}
          </span>
          <span className="sidebar-header-actions">
            <NotificationBell />
            <Link to="/settings" className="settings-link">
              Settings
            </Link>
          </span>
        </header>
        <ConnectionBanner />
        <div className="sidebar-actions">
          <h1 className="visually-hidden">Chats</h1>
          <button type="button" className="primary new-chat-button" onClick={() => setCreating(true)}>
            New chat
          </button>
          <Link to="/calls" className="calls-link" aria-current={inCalls ? 'page' : undefined}>
            Calls
          </Link>
          <Link
            to="/search"
            className="search-link"
            aria-current={inSearch ? 'page' : undefined}
            aria-keyshortcuts="Control+K Meta+K /"
            title="Search messages (Ctrl+K or /)"
          >
            Search
          </Link>
        </div>
        <ConversationFilter activeId={conversationId ?? null} />
        <ModerationNav />
      </aside>
      <main className="conversation-pane">
        <Outlet />
      </main>
      {creating ? <NewChatDialog onClose={() => setCreating(false)} /> : null}
    </div>
  );
}
