import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useSignedIn } from '../../auth/auth-context';
import { queryKeys } from '../../app/query-keys';
import { conversationTitle, isGroup } from '../../chat/conversation-list';
import { useConversations } from '../../chat/hooks';
import type { InboxFilter } from '../../notifications/inbox-pages';
import type { Place } from '../../notifications/notification-text';

/** The bell's number: loaded once, then set by every notification event (and again after a reconnect). */
export function useUnreadNotifications(): number | undefined {
  const { session } = useSignedIn();
  return useQuery({
    queryKey: queryKeys.unreadNotifications,
    queryFn: () => session.notifications.fetchUnreadCount(),
  }).data;
}

/** A list of the center, page by page with the server's cursor; events write into the loaded pages. */
export function useNotificationList(filter: InboxFilter) {
  const { session } = useSignedIn();
  return useInfiniteQuery({
    queryKey: queryKeys.notificationList(filter),
    queryFn: ({ pageParam }) => session.notifications.fetchPage(filter, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    // Kept current by events; a refetch of every loaded page would only race them.
    staleTime: Infinity,
  });
}

/** How entries name their conversation: a group by its title; a direct chat (or one left) by nothing. */
export function usePlaces(): (conversationId: string | null) => Place {
  const { user } = useSignedIn();
  const conversations = useConversations();
  const titles = useMemo(
    () =>
      new Map(
        (conversations.data ?? []).map((conversation) => [
          conversation.id,
          isGroup(conversation) ? conversationTitle(conversation, user.id) : null,
        ]),
      ),
    [conversations.data, user.id],
  );
  return useCallback(
    (conversationId: string | null) => (conversationId ? (titles.get(conversationId) ?? null) : null),
    [titles],
  );
}
