import { startTransition, useEffect, useOptimistic, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/api-error';
import type { NotificationResponse } from '../../api/types';
import { useSignedIn } from '../../auth/auth-context';
import { entriesOf, type InboxFilter } from '../../notifications/inbox-pages';
import { useNow } from '../../notifications/use-now';
import { FormError } from '../../ui/FormError';
import { useNotificationList, usePlaces, useUnreadNotifications } from './notification-hooks';
import { NotificationItem } from './NotificationItem';
import './notifications.css';

/**
 * The notification center (in the chat's main pane): newest first, unread ones marked, filtered to unread in
 * the URL (`?filter=unread`), paged with "Load more"; every change made here or on another device shows at
 * once (the inbox applies the socket's events to these lists).
 */
export function NotificationsPage() {
  const { session } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const filter: InboxFilter = params.get('filter') === 'unread' ? 'unread' : 'all';
  // The box shows the new filter at once while the list for it loads (the navigation is a transition).
  const [shownFilter, showFilter] = useOptimistic(filter);
  const list = useNotificationList(filter);
  const unread = useUnreadNotifications() ?? 0;
  const placeOf = usePlaces();
  const now = useNow();
  const [failure, setFailure] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const entries = entriesOf(list.data);

  useEffect(() => {
    heading.current?.focus();
  }, []);

  const run = (action: () => Promise<void>) => {
    setFailure(null);
    action().catch((error: unknown) => setFailure(errorMessage(error)));
  };
  const inbox = session.notifications;
  const open = (entry: NotificationResponse) => {
    if (entry.readAt === null) {
      // The navigation goes on at once; a failure comes back to the list when the user returns.
      inbox.markRead(entry.id).catch(() => undefined);
    }
  };

  return (
    <section className="notification-center" aria-labelledby="notifications-title">
      <header className="notification-center-header">
        <Link to="/" className="back-link icon-button" aria-label="Back to conversations">
          <span aria-hidden="true">←</span>
        </Link>
        <h2 id="notifications-title" ref={heading} tabIndex={-1}>
          Notifications
        </h2>
        <label className="toggle unread-filter">
          <input
            type="checkbox"
            checked={shownFilter === 'unread'}
            onChange={(event) => {
              const unreadOnly = event.currentTarget.checked;
              startTransition(() => {
                showFilter(unreadOnly ? 'unread' : 'all');
                setParams(unreadOnly ? { filter: 'unread' } : {}, { replace: true });
              });
            }}
          />
          <span>Unread only</span>
        </label>
        <button
          type="button"
          disabled={unread === 0}
          onClick={() => run(() => inbox.markAllRead(newestOf(entries)))}
        >
          Mark all as read
        </button>
      </header>
      <div className="notification-scroller">
        <FormError error={failure} />
        {list.isPending ? (
          <p className="pad muted" aria-busy="true">
            Loading…
          </p>
        ) : null}
        {list.isError ? <FormError error={errorMessage(list.error)} /> : null}
        {list.isSuccess && entries.length === 0 ? (
          <p className="pad muted">
            {filter === 'unread' ? 'You are all caught up.' : 'No notifications yet.'}
          </p>
        ) : null}
        <ul className="notification-list" aria-label="Notifications">
          {entries.map((entry) => (
            <NotificationItem
              key={entry.id}
              entry={entry}
              place={placeOf(entry.conversationId)}
              now={now}
              onOpen={() => open(entry)}
              onMarkRead={() => run(() => inbox.markRead(entry.id))}
              onDelete={() => run(() => inbox.remove(entry))}
            />
          ))}
        </ul>
        {list.hasNextPage ? (
          <p className="load-more">
            <button
              type="button"
              onClick={() => void list.fetchNextPage()}
              disabled={list.isFetchingNextPage}
            >
              {list.isFetchingNextPage ? 'Loading…' : 'Load more'}
            </button>
          </p>
        ) : null}
      </div>
    </section>
  );
}

/** The latest `updatedAt` among the entries shown (newest first, but an entry may have grown since). */
function newestOf(entries: readonly NotificationResponse[]): string | null {
  return entries.reduce<string | null>(
    (newest, entry) => (newest === null || entry.updatedAt > newest ? entry.updatedAt : newest),
    null,
  );
}
