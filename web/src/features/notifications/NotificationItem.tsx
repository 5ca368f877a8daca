import type { CSSProperties } from 'react';
import { Link } from 'react-router';
import type { NotificationResponse } from '../../api/types';
import { notificationTarget, notificationText, type Place } from '../../notifications/notification-text';
import { relativeTime } from '../../notifications/relative-time';
import { Avatar } from '../chat/Avatar';

/** One entry: who (avatars), what (a sentence), when, unread or not; open, mark read, delete. */
export function NotificationItem({
  entry,
  place,
  now,
  onOpen,
  onMarkRead,
  onDelete,
}: {
  entry: NotificationResponse;
  place: Place;
  now: number;
  onOpen: () => void;
  onMarkRead: () => void;
  onDelete: () => void;
}) {
  const { text, detail } = notificationText(entry, place);
  const unread = entry.readAt === null;
  const target = notificationTarget(entry);
  return (
    <li className={`notification${unread ? ' unread' : ''}`} data-kind={entry.kind}>
      <ActorAvatars entry={entry} />
      <div className="notification-body">
        {target ? (
          <Link to={target} className="notification-text" onClick={onOpen}>
            {text}
          </Link>
        ) : (
          <p className="notification-text">{text}</p>
        )}
        {detail ? <p className="notification-detail">{detail}</p> : null}
        <p className="notification-meta">
          {unread ? <span className="visually-hidden">Unread, </span> : null}
          <time dateTime={entry.updatedAt} title={new Date(entry.updatedAt).toLocaleString()}>
            {relativeTime(entry.updatedAt, now)}
          </time>
        </p>
      </div>
      <div className="notification-actions">
        {unread ? (
          <button
            type="button"
            className="icon-button"
            aria-label={`Mark as read: ${text}`}
            title="Mark as read"
            onClick={onMarkRead}
          >
            <span aria-hidden="true">✓</span>
          </button>
        ) : null}
        <button
          type="button"
          className="icon-button"
          aria-label={`Delete: ${text}`}
          title="Delete"
          onClick={onDelete}
        >
          <span aria-hidden="true">✕</span>
        </button>
      </div>
    </li>
  );
}

/** Up to three actors' faces, overlapping; a service notification shows a bell. */
function ActorAvatars({ entry }: { entry: NotificationResponse }) {
  if (entry.actors.length === 0) {
    return (
      <span className="notification-avatars">
        <span className="avatar service-avatar" aria-hidden="true" style={{ '--hue': 220 } as CSSProperties}>
          🔔
        </span>
      </span>
    );
  }
  return (
    <span className={`notification-avatars count-${Math.min(entry.actors.length, 3)}`}>
      {entry.actors.slice(0, 3).map((actor) => (
        <Avatar key={actor.id} id={actor.id} name={actor.displayName} url={actor.avatarUrl} />
      ))}
    </span>
  );
}
