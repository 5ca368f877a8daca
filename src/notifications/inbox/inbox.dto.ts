import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { cursorTimestampSchema } from '../../common/pagination/cursor';
import { objectIdSchema } from '../../common/validation/object-id';
import { NotificationActor, NotificationResponse } from '../../realtime/server-events';
import { NotificationRow } from './inbox.repository';

/** Actors shown on an entry ("Ana, Ben and 3 others"); `actorCount` tells how many there were. */
export const SHOWN_ACTORS = 3;

export const listNotificationsSchema = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  unread: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
});
export class ListNotificationsDto extends createZodDto(listNotificationsSchema) {}

/** The body may be left out altogether: everything is read. */
export const readAllSchema = z
  .strictObject({
    /** Entries last changed after this (newer than what the client showed) stay unread. */
    before: z.iso.datetime({ offset: true }).optional(),
  })
  .default({});
export class ReadAllDto extends createZodDto(readAllSchema) {}

/** The sort key of a list cursor: the last item's `updatedAt` (ms) and id. */
export const notificationCursorSchema = z.strictObject({ t: cursorTimestampSchema, id: objectIdSchema });

export interface NotificationPage {
  items: NotificationResponse[];
  nextCursor: string | null;
  unreadCount: number;
}

/** Who acted, latest first: the last actor, then the others from the most recent newcomer back. */
export function shownActorIds(row: Pick<NotificationRow, 'actorIds' | 'latestActorId'>): string[] {
  // A field stored as null may be missing on FerretDB v1 (see InboxRepository).
  const latest = row.latestActorId ?? null;
  const others = [...(row.actorIds ?? [])].reverse().filter((id) => id !== latest);
  return (latest === null ? others : [latest, ...others]).slice(0, SHOWN_ACTORS);
}

/** Ids become strings, dates ISO 8601; actors come resolved (a deleted account gets a stand-in). */
export function toNotificationResponse(
  row: NotificationRow,
  actors: ReadonlyMap<string, NotificationActor>,
): NotificationResponse {
  return {
    id: row._id.toHexString(),
    kind: row.kind,
    conversationId: row.conversationId?.toHexString() ?? null,
    messageId: row.messageId ?? null,
    actors: shownActorIds(row).map(
      (id) => actors.get(id) ?? { id, displayName: 'Deleted user', avatarUrl: null },
    ),
    actorCount: row.actorIds?.length ?? 0,
    count: row.count,
    emoji: row.emoji ?? null,
    role: row.role ?? null,
    title: row.title ?? null,
    body: row.body ?? null,
    data: row.data ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}
