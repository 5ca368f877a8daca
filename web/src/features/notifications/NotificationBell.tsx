import { useEffect, useState } from 'react';
import { NavLink } from 'react-router';
import { useSignedIn } from '../../auth/auth-context';
import { notificationText } from '../../notifications/notification-text';
import { usePlaces, useUnreadNotifications } from './notification-hooks';
import './notifications.css';

/** The bell in the sidebar: the unread count as a badge, live from every device; opens the center. */
export function NotificationBell() {
  const { session } = useSignedIn();
  const unread = useUnreadNotifications() ?? 0;
  const placeOf = usePlaces();
  const [announcement, setAnnouncement] = useState('');

  useEffect(
    () =>
      session.notifications.onArrival((entry) =>
        setAnnouncement(`New notification: ${notificationText(entry, placeOf(entry.conversationId)).text}`),
      ),
    [session, placeOf],
  );

  return (
    <>
      <NavLink
        to="/notifications"
        className="icon-button notification-bell"
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}
        title="Notifications"
      >
        <span aria-hidden="true">🔔</span>
        {unread > 0 ? (
          <span className="bell-badge" aria-hidden="true" data-testid="notification-badge">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </NavLink>
      <span className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </span>
    </>
  );
}
