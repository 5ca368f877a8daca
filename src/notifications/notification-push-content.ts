import { MemberRole, NotificationResponse } from '../realtime/server-events';

/** The title of a push that has no conversation title or service title to show. */
export const APP_TITLE = 'Parley';
/** Push payloads are capped near 4 KB by the push services; a notification shows a line or two anyway. */
const MAX_TITLE_LENGTH = 100;
const MAX_BODY_LENGTH = 200;

/** What the browser receives for an inbox entry (encrypted end to end to the subscription's keys). */
export interface NotificationPush {
  type: 'notification';
  notificationId: string;
  kind: NotificationResponse['kind'];
  conversationId: string | null;
  messageId: string | null;
  count: number;
  title: string;
  body: string;
}

/**
 * The payload for one entry as it stands (aggregated: "Ana and 2 others reacted to your message"). Names and
 * counts only: an entry holds no message text. `conversationTitle` is the group's title, null otherwise.
 */
export function notificationPush(
  entry: NotificationResponse,
  conversationTitle: string | null,
): NotificationPush {
  const service = entry.kind === 'service';
  return {
    type: 'notification',
    notificationId: entry.id,
    kind: entry.kind,
    conversationId: entry.conversationId,
    messageId: entry.messageId,
    count: entry.count,
    title: shorten(service ? (entry.title ?? APP_TITLE) : (conversationTitle ?? APP_TITLE), MAX_TITLE_LENGTH),
    body: shorten(notificationText(entry, conversationTitle), MAX_BODY_LENGTH),
  };
}

/** One line saying what happened, for pushes (and any other place an entry is told in words). */
export function notificationText(entry: NotificationResponse, conversationTitle: string | null): string {
  const who = actorsText(entry);
  const where = conversationTitle ?? 'a group';
  switch (entry.kind) {
    case 'mention':
      return entry.count > 1 ? `${who} mentioned you ${entry.count} times` : `${who} mentioned you`;
    case 'reply':
      return `${who} replied to your message`;
    case 'reaction':
      return entry.actorCount === 1 && entry.emoji
        ? `${who} reacted ${entry.emoji} to your message`
        : `${who} reacted to your message`;
    case 'added_to_conversation':
      return `${who} added you to ${where}`;
    case 'role_changed':
      return `${who} made you ${roleText(entry.role)} of ${where}`;
    case 'missed_call':
      return entry.count > 1 ? `${entry.count} missed calls from ${who}` : `Missed call from ${who}`;
    case 'service':
      return entry.body ?? '';
  }
}

/** "Ana", "Ana and Ben", "Ana and 4 others" (the latest actor first). */
export function actorsText(entry: Pick<NotificationResponse, 'actors' | 'actorCount'>): string {
  const [first, second] = entry.actors;
  if (!first) {
    return 'Someone';
  }
  if (entry.actorCount <= 1) {
    return first.displayName;
  }
  if (entry.actorCount === 2 && second) {
    return `${first.displayName} and ${second.displayName}`;
  }
  return `${first.displayName} and ${entry.actorCount - 1} others`;
}

function roleText(role: MemberRole | null): string {
  switch (role) {
    case MemberRole.Owner:
      return 'an owner';
    case MemberRole.Admin:
      return 'an admin';
    default:
      return 'a member';
  }
}

function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}
