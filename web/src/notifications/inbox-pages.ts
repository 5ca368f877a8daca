import type { InfiniteData } from '@tanstack/react-query';
import type { NotificationResponse } from '../api/types';

/** One answer of `GET /notifications`. */
export interface NotificationPage {
  items: NotificationResponse[];
  nextCursor: string | null;
  unreadCount: number;
}

/** Which list a cached copy holds: everything, or the unread entries only. */
export type InboxFilter = 'all' | 'unread';

/** A list as TanStack's infinite query caches it: the pages loaded so far, with the cursors they were asked with. */
export type InboxPages = InfiniteData<NotificationPage, string | null>;

/** The loaded entries, newest first, each once (an entry that moved up while pages loaded is not repeated). */
export function entriesOf(pages: { pages: NotificationPage[] } | undefined): NotificationResponse[] {
  const seen = new Set<string>();
  const entries: NotificationResponse[] = [];
  for (const page of pages?.pages ?? []) {
    for (const entry of page.items) {
      if (!seen.has(entry.id)) {
        seen.add(entry.id);
        entries.push(entry);
      }
    }
  }
  return entries;
}

function mapItems(
  pages: InboxPages,
  change: (items: NotificationResponse[]) => NotificationResponse[],
): InboxPages {
  return { ...pages, pages: pages.pages.map((page) => ({ ...page, items: change(page.items) })) };
}

/**
 * A new or grown entry (the `notification` event, always unread): out of wherever it was, into its place by
 * `updatedAt` (newest first). Past the end of what is loaded, it is left for "Load more" to bring.
 */
export function upsertEntry(pages: InboxPages, entry: NotificationResponse): InboxPages {
  const without = mapItems(pages, (items) => items.filter((item) => item.id !== entry.id));
  const hasMore = without.pages.at(-1)?.nextCursor != null;
  let placed = false;
  const next = without.pages.map((page, index) => {
    if (placed) {
      return page;
    }
    const at = page.items.findIndex((item) => item.updatedAt <= entry.updatedAt);
    const last = index === without.pages.length - 1;
    if (at === -1 && !(last && !hasMore)) {
      return page;
    }
    placed = true;
    const items = [...page.items];
    items.splice(at === -1 ? items.length : at, 0, entry);
    return { ...page, items };
  });
  return { ...without, pages: next };
}

/** Entries read (on any device): marked in the full list, gone from the unread one. */
export function markRead(
  pages: InboxPages,
  isRead: (entry: NotificationResponse) => boolean,
  readAt: string,
  filter: InboxFilter,
): InboxPages {
  return mapItems(pages, (items) =>
    filter === 'unread'
      ? items.filter((item) => !isRead(item))
      : items.map((item) => (item.readAt === null && isRead(item) ? { ...item, readAt } : item)),
  );
}

/** Which entries a `notifications_read` event covers: the ids, or all of them up to `before`. */
export function readMatcher(
  event: { all: false; ids: string[] } | { all: true; before: string | null },
): (entry: NotificationResponse) => boolean {
  if (!event.all) {
    const ids = new Set(event.ids);
    return (entry) => ids.has(entry.id);
  }
  const before = event.before;
  return before === null ? () => true : (entry) => Date.parse(entry.updatedAt) <= Date.parse(before);
}

export function removeEntry(pages: InboxPages, id: string): InboxPages {
  return mapItems(pages, (items) => items.filter((item) => item.id !== id));
}

/** An entry replaced by the server's newer copy of it (a read answer), where it is. */
export function replaceEntry(
  pages: InboxPages,
  entry: NotificationResponse,
  filter: InboxFilter,
): InboxPages {
  if (filter === 'unread' && entry.readAt !== null) {
    return removeEntry(pages, entry.id);
  }
  return mapItems(pages, (items) => items.map((item) => (item.id === entry.id ? entry : item)));
}
