import type { QueryClient } from '@tanstack/react-query';
import type { HttpClient } from '../api/http';
import type {
  NotificationDeletedPayload,
  NotificationPayload,
  NotificationResponse,
  NotificationsReadPayload,
} from '../api/types';
import { queryKeys } from '../app/query-keys';
import {
  type InboxFilter,
  type InboxPages,
  markRead,
  type NotificationPage,
  readMatcher,
  removeEntry,
  replaceEntry,
  upsertEntry,
} from './inbox-pages';
import { UnreadReconciler } from './unread-reconciler';

export const NOTIFICATION_PAGE_SIZE = 20;

const FILTERS: InboxFilter[] = ['all', 'unread'];

/**
 * The user's notification center as the screens read it: the unread count and the cached lists, loaded over
 * REST and kept current by the socket's `notification`, `notifications_read` and `notification_deleted`
 * events (from every device of the user), written straight into the query cache.
 */
export class NotificationsInbox {
  private readonly reconciler = new UnreadReconciler();
  private readonly arrivalListeners = new Set<(entry: NotificationResponse) => void>();

  constructor(
    private readonly queries: QueryClient,
    private readonly http: HttpClient,
  ) {}

  /** The unread count's query function. */
  async fetchUnreadCount(): Promise<number> {
    const ticket = this.reconciler.ticket();
    const { unreadCount } = await this.http.get<{ unreadCount: number }>('/notifications/unread-count');
    return this.reconciler.isFresh(ticket)
      ? unreadCount
      : (this.queries.getQueryData<number>(queryKeys.unreadNotifications) ?? unreadCount);
  }

  /** One page of a list (newest first); its count updates the badge when nothing newer came meanwhile. */
  async fetchPage(filter: InboxFilter, cursor: string | null): Promise<NotificationPage> {
    const ticket = this.reconciler.ticket();
    const page = await this.http.get<NotificationPage>('/notifications', {
      cursor: cursor ?? undefined,
      limit: NOTIFICATION_PAGE_SIZE,
      unread: filter === 'unread' ? true : undefined,
    });
    this.answerCount(ticket, page.unreadCount);
    return page;
  }

  /** Marks one entry read: at once on screen, then on the server (whose answer is the final word). */
  async markRead(id: string): Promise<void> {
    const ticket = this.reconciler.ticket();
    this.updateLists((pages, filter) =>
      markRead(pages, (entry) => entry.id === id, new Date().toISOString(), filter),
    );
    try {
      const answer = await this.http.post<{ notification: NotificationResponse; unreadCount: number }>(
        `/notifications/${id}/read`,
      );
      this.updateLists((pages, filter) => replaceEntry(pages, answer.notification, filter));
      this.answerCount(ticket, answer.unreadCount);
    } catch (error) {
      this.refresh();
      throw error;
    }
  }

  /**
   * Marks read everything up to `before` (the newest entry on screen, so one that arrives meanwhile stays
   * unread; the server counts `updatedAt <= before`), or everything when nothing is on screen.
   */
  async markAllRead(before: string | null): Promise<void> {
    const ticket = this.reconciler.ticket();
    const answer = await this.http.post<{ updated: number; unreadCount: number }>(
      '/notifications/read-all',
      before === null ? {} : { before },
    );
    const isRead = readMatcher({ all: true, before });
    this.updateLists((pages, filter) => markRead(pages, isRead, new Date().toISOString(), filter));
    this.answerCount(ticket, answer.unreadCount);
  }

  /** Deletes an entry; the 204 carries no count, so an unread one's count is asked for again. */
  async remove(entry: NotificationResponse): Promise<void> {
    await this.http.delete<void>(`/notifications/${entry.id}`);
    this.updateLists((pages) => removeEntry(pages, entry.id));
    if (entry.readAt === null) {
      void this.queries.invalidateQueries({ queryKey: queryKeys.unreadNotifications });
    }
  }

  applyNotification(event: NotificationPayload): void {
    this.eventCount(event.unreadCount);
    this.updateLists((pages) => upsertEntry(pages, event.notification));
    for (const listener of this.arrivalListeners) {
      listener(event.notification);
    }
  }

  applyRead(event: NotificationsReadPayload): void {
    this.eventCount(event.unreadCount);
    const isRead = readMatcher(event);
    const readAt = new Date().toISOString();
    this.updateLists((pages, filter) => markRead(pages, isRead, readAt, filter));
  }

  applyDeleted(event: NotificationDeletedPayload): void {
    this.eventCount(event.unreadCount);
    this.updateLists((pages) => removeEntry(pages, event.id));
  }

  /** Hears each new or grown entry (for an announcement). */
  onArrival(listener: (entry: NotificationResponse) => void): () => void {
    this.arrivalListeners.add(listener);
    return () => this.arrivalListeners.delete(listener);
  }

  /** After a reconnect (events may have been missed) or a failure: everything asked for again. */
  refresh(): void {
    void this.queries.invalidateQueries({ queryKey: queryKeys.unreadNotifications });
    void this.queries.invalidateQueries({ queryKey: queryKeys.notifications });
  }

  private eventCount(unreadCount: number): void {
    this.reconciler.eventArrived();
    this.queries.setQueryData<number>(queryKeys.unreadNotifications, unreadCount);
  }

  private answerCount(ticket: number, unreadCount: number): void {
    if (this.reconciler.isFresh(ticket)) {
      this.queries.setQueryData<number>(queryKeys.unreadNotifications, unreadCount);
    }
  }

  private updateLists(change: (pages: InboxPages, filter: InboxFilter) => InboxPages): void {
    for (const filter of FILTERS) {
      this.queries.setQueryData<InboxPages>(queryKeys.notificationList(filter), (pages) =>
        pages ? change(pages, filter) : pages,
      );
    }
  }
}
