import type { NotificationResponse } from '../api/types';

/** A notification entry for unit tests: a mention by Ana, unread, unless `patch` says otherwise. */
export function entry(id: string, patch: Partial<NotificationResponse> = {}): NotificationResponse {
  return {
    id,
    kind: 'mention',
    conversationId: 'c1',
    messageId: 'm1',
    actors: [{ id: 'ana', displayName: 'Ana', avatarUrl: null }],
    actorCount: 1,
    count: 1,
    emoji: null,
    role: null,
    title: null,
    body: null,
    data: null,
    createdAt: '2026-03-01T10:00:00.000Z',
    updatedAt: '2026-03-01T10:00:00.000Z',
    readAt: null,
    ...patch,
  };
}

export const people = (...names: string[]): NotificationResponse['actors'] =>
  names.map((name) => ({ id: name.toLowerCase(), displayName: name, avatarUrl: null }));

/** A group role as the entry holds it (the server's enum, imported type-only). */
export const asRole = (role: 'owner' | 'admin' | 'member') => role as NotificationResponse['role'];
