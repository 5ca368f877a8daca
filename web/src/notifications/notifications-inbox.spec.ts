import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { HttpClient } from '../api/http';
import { queryKeys } from '../app/query-keys';
import { entriesOf, type InboxPages } from './inbox-pages';
import { NotificationsInbox } from './notifications-inbox';
import { entry } from './test-entries';
import { UnreadReconciler } from './unread-reconciler';

/** The network edge of the inbox: each request waits until the test answers it. */
class PendingHttp {
  readonly requests: Array<{ method: string; path: string; answer: (body: unknown) => void }> = [];

  private request<T>(method: string, path: string): Promise<T> {
    return new Promise<T>((resolve) => {
      this.requests.push({ method, path, answer: (body) => resolve(body as T) });
    });
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string): Promise<T> {
    return this.request<T>('POST', path);
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  answer(path: string, body: unknown): void {
    const index = this.requests.findIndex((request) => request.path === path);
    const [request] = this.requests.splice(index, 1);
    if (!request) {
      throw new Error(`no request to ${path}`);
    }
    request.answer(body);
  }
}

function setup() {
  const queries = new QueryClient();
  const http = new PendingHttp();
  const inbox = new NotificationsInbox(queries, http as unknown as HttpClient);
  const count = () => queries.getQueryData<number>(queryKeys.unreadNotifications);
  const list = (filter: 'all' | 'unread') =>
    entriesOf(queries.getQueryData<InboxPages>(queryKeys.notificationList(filter)));
  const seed = (filter: 'all' | 'unread', items: ReturnType<typeof entry>[]) =>
    queries.setQueryData<InboxPages>(queryKeys.notificationList(filter), {
      pages: [{ items, nextCursor: null, unreadCount: 0 }],
      pageParams: [null],
    });
  return { queries, http, inbox, count, list, seed };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('UnreadReconciler', () => {
  it('lets an answer set the count only when no event came while it was asked for', () => {
    const reconciler = new UnreadReconciler();
    const early = reconciler.ticket();
    expect(reconciler.isFresh(early)).toBe(true);
    reconciler.eventArrived();
    expect(reconciler.isFresh(early)).toBe(false);
    expect(reconciler.isFresh(reconciler.ticket())).toBe(true);
  });
});

describe('NotificationsInbox', () => {
  it('takes the count of each event, and puts a new entry at the top of both lists', () => {
    const { inbox, count, list, seed } = setup();
    seed('all', [
      entry('old', { readAt: '2026-03-01T09:00:00.000Z', updatedAt: '2026-03-01T09:00:00.000Z' }),
    ]);
    seed('unread', []);
    const fresh = entry('new', { updatedAt: '2026-03-01T11:00:00.000Z' });
    inbox.applyNotification({ notification: fresh, unreadCount: 4 });
    expect(count()).toBe(4);
    expect(list('all').map((item) => item.id)).toEqual(['new', 'old']);
    expect(list('unread').map((item) => item.id)).toEqual(['new']);
  });

  it('keeps the count of an event that arrives while an older count is being fetched', async () => {
    const { http, inbox, queries, count } = setup();
    const fetching = inbox.fetchUnreadCount();
    inbox.applyNotification({ notification: entry('n'), unreadCount: 3 });
    http.answer('/notifications/unread-count', { unreadCount: 2 });
    expect(await fetching).toBe(3);
    queries.setQueryData(queryKeys.unreadNotifications, await fetching);
    expect(count()).toBe(3);
  });

  it('uses a fetched count when no event came meanwhile', async () => {
    const { http, inbox } = setup();
    const fetching = inbox.fetchUnreadCount();
    http.answer('/notifications/unread-count', { unreadCount: 7 });
    expect(await fetching).toBe(7);
  });

  it('applies reads from another device: marked in the full list, gone from the unread one', () => {
    const { inbox, count, list, seed } = setup();
    seed('all', [entry('b'), entry('a')]);
    seed('unread', [entry('b'), entry('a')]);
    inbox.applyRead({ ids: ['a'], all: false, unreadCount: 1 });
    expect(count()).toBe(1);
    expect(list('all').map((item) => item.readAt === null)).toEqual([true, false]);
    expect(list('unread').map((item) => item.id)).toEqual(['b']);
    inbox.applyRead({ ids: [], all: true, before: null, unreadCount: 0 });
    expect(count()).toBe(0);
    expect(list('unread')).toEqual([]);
    expect(list('all').every((item) => item.readAt !== null)).toBe(true);
  });

  it('drops a deleted entry everywhere', () => {
    const { inbox, count, list, seed } = setup();
    seed('all', [entry('b'), entry('a')]);
    inbox.applyDeleted({ id: 'b', unreadCount: 1 });
    expect(count()).toBe(1);
    expect(list('all').map((item) => item.id)).toEqual(['a']);
  });

  it('marks an entry read at once, then takes the answer, unless an event overtook it', async () => {
    const { http, inbox, count, list, seed, queries } = setup();
    seed('all', [entry('b'), entry('a')]);
    queries.setQueryData(queryKeys.unreadNotifications, 2);
    const reading = inbox.markRead('a');
    expect(list('all')[1]?.readAt).not.toBeNull();
    // Meanwhile a new mention arrives: its count (2: b and the new one) is newer than the answer's.
    inbox.applyNotification({
      notification: entry('c', { updatedAt: '2026-03-01T12:00:00.000Z' }),
      unreadCount: 2,
    });
    http.answer('/notifications/a/read', {
      notification: entry('a', { readAt: '2026-03-01T11:00:00.000Z' }),
      unreadCount: 1,
    });
    await reading;
    expect(count()).toBe(2);
    expect(list('all').map((item) => item.id)).toEqual(['c', 'b', 'a']);
  });

  it('marks read up to the newest entry shown, leaving a newer one unread', async () => {
    const { http, inbox, list, seed, count } = setup();
    seed('all', [
      entry('b', { updatedAt: '2026-03-01T10:05:00.000Z' }),
      entry('a', { updatedAt: '2026-03-01T10:00:00.000Z' }),
    ]);
    const reading = inbox.markAllRead('2026-03-01T10:05:00.000Z');
    inbox.applyNotification({
      notification: entry('c', { updatedAt: '2026-03-01T10:06:00.000Z' }),
      unreadCount: 3,
    });
    http.answer('/notifications/read-all', { updated: 2, unreadCount: 1 });
    await reading;
    expect(list('all').map((item) => [item.id, item.readAt === null])).toEqual([
      ['c', true],
      ['b', false],
      ['a', false],
    ]);
    // The event came while the request was out: its count (3) stands until the read event brings 1.
    expect(count()).toBe(3);
    inbox.applyRead({ ids: [], all: true, before: '2026-03-01T10:05:00.000Z', unreadCount: 1 });
    expect(count()).toBe(1);
  });

  it('asks for the count again after deleting an unread entry (the 204 carries none)', async () => {
    const { http, inbox, queries, seed } = setup();
    seed('all', [entry('a')]);
    queries.setQueryData(queryKeys.unreadNotifications, 1);
    const observer = queries.getQueryCache().build(queries, {
      queryKey: queryKeys.unreadNotifications,
      queryFn: () => inbox.fetchUnreadCount(),
    });
    const removing = inbox.remove(entry('a'));
    http.answer('/notifications/a', undefined);
    await removing;
    expect(observer.state.isInvalidated).toBe(true);
  });

  it('tells listeners about each arrival', async () => {
    const { inbox } = setup();
    const heard: string[] = [];
    const stop = inbox.onArrival((item) => heard.push(item.id));
    inbox.applyNotification({ notification: entry('a'), unreadCount: 1 });
    stop();
    inbox.applyNotification({ notification: entry('b'), unreadCount: 2 });
    await flush();
    expect(heard).toEqual(['a']);
  });
});
