import type { NotificationResponse } from '../api/types';

/** Where an entry happened, as its sentence names it: a group's title, or null (a direct chat, or unknown). */
export type Place = string | null;

/** "Ana", "Ana and Bo", "Ana and 4 others": the most recent actor first, as the server orders them. */
export function actorsText(actors: NotificationResponse['actors'], actorCount: number): string {
  const first = actors[0]?.displayName ?? 'Someone';
  if (actorCount <= 1) {
    return first;
  }
  if (actorCount === 2) {
    return `${first} and ${actors[1]?.displayName ?? '1 other'}`;
  }
  return `${first} and ${actorCount - 1} others`;
}

const ROLE_PHRASE: Record<'owner' | 'admin' | 'member', string> = {
  owner: 'the owner',
  admin: 'an admin',
  member: 'a member',
};

/** One person acting several times: "3 times" (aggregated entries count distinct events). */
function times(entry: Pick<NotificationResponse, 'actorCount' | 'count'>): string {
  return entry.actorCount <= 1 && entry.count > 1 ? ` ${entry.count} times` : '';
}

/** A call's medium from the entry's data (the calls feature's business); video unless it says audio. */
function callMedium(data: NotificationResponse['data']): 'voice' | 'video' {
  return data?.media === 'audio' || data?.video === false ? 'voice' : 'video';
}

/**
 * The sentence an entry reads as, per kind ("Ana mentioned you in Team", "Ana and 4 others reacted 👍 to
 * your message"); `detail` is a service notification's body.
 */
export function notificationText(
  entry: NotificationResponse,
  place: Place,
): { text: string; detail: string | null } {
  const who = actorsText(entry.actors, entry.actorCount);
  const inPlace = place ? ` in ${place}` : '';
  switch (entry.kind) {
    case 'mention':
      return { text: `${who} mentioned you${times(entry)}${inPlace}`, detail: null };
    case 'reply':
      return { text: `${who} replied${times(entry)} to your message${inPlace}`, detail: null };
    case 'reaction': {
      const emoji = entry.emoji ? ` ${entry.emoji}` : '';
      return { text: `${who} reacted${emoji} to your message${inPlace}`, detail: null };
    }
    case 'added_to_conversation':
      return { text: `${who} added you to ${place ?? 'a group'}`, detail: null };
    case 'role_changed':
      return {
        text: entry.role
          ? `You are now ${ROLE_PHRASE[entry.role]} of ${place ?? 'a group'}`
          : `Your role changed in ${place ?? 'a group'}`,
        detail: null,
      };
    case 'missed_call': {
      const medium = callMedium(entry.data);
      const from = entry.actors.length > 0 ? ` from ${who}` : '';
      return {
        text:
          entry.count > 1 ? `${entry.count} missed ${medium} calls${from}` : `Missed ${medium} call${from}`,
        detail: null,
      };
    }
    case 'service':
      return { text: entry.title ?? 'Notification', detail: entry.body };
  }
}

/** Where clicking an entry goes: its conversation (at its message when it has one), or nowhere. */
export function notificationTarget(
  entry: Pick<NotificationResponse, 'conversationId' | 'messageId'>,
): string | null {
  if (!entry.conversationId) {
    return null;
  }
  const base = `/c/${entry.conversationId}`;
  return entry.messageId ? `${base}?message=${encodeURIComponent(entry.messageId)}` : base;
}
