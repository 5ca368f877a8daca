import { useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import type { ConversationResponse, MessageResponse } from '../api/types';
import { useSignedIn } from '../auth/auth-context';
import { queryKeys } from '../app/query-keys';
import type { ConnectionState } from '../realtime/connection';
import { sortConversations } from './conversation-list';
import type { KeyedStore } from './ephemeral-store';
import type { MessageWindow } from './message-list';
import type { PendingMessage } from './outbox';

export const HISTORY_PAGE = 50;

export function useConversations() {
  const { http } = useSignedIn();
  return useQuery({
    queryKey: queryKeys.conversations,
    queryFn: async () =>
      sortConversations(
        (await http.get<{ items: ConversationResponse[] }>('/conversations', { limit: 100 })).items,
      ),
  });
}

/** The newest page of a conversation; older pages are merged in by `loadOlder`, new messages by events. */
export function useMessageWindow(conversationId: string) {
  const { http } = useSignedIn();
  return useQuery({
    queryKey: queryKeys.messages(conversationId),
    queryFn: async (): Promise<MessageWindow> => {
      const page = await http.get<{ items: MessageResponse[]; hasMore: boolean }>(
        `/conversations/${conversationId}/messages`,
        { limit: HISTORY_PAGE },
      );
      return { messages: page.items, hasOlder: page.hasMore };
    },
    // Kept current by socket events and /sync; refetching would only race them.
    staleTime: Infinity,
  });
}

export function useConnectionState(): ConnectionState {
  const { session } = useSignedIn();
  return useSyncExternalStore(
    (listener) => session.connection.subscribe(listener),
    () => session.connection.state,
  );
}

export function usePending(conversationId: string): PendingMessage[] {
  const { session } = useSignedIn();
  const all = useSyncExternalStore(
    (listener) => session.outbox.subscribe(listener),
    () => session.outbox.snapshot(),
  );
  return all.filter((item) => item.conversationId === conversationId);
}

/** One value of an ephemeral store (typing, presence, receipts), re-rendering when the store changes. */
export function useKeyed<V>(store: KeyedStore<V>, key: string | null): V | undefined {
  useSyncExternalStore(store.subscribe, store.getVersion);
  return key === null ? undefined : store.get(key);
}

/** Who is typing in a conversation (other members only: the server never echoes the typist). */
export function useTypingIn(conversationId: string): string[] {
  const { session } = useSignedIn();
  return useKeyed(session.typing.store, conversationId) ?? NO_ONE;
}

const NO_ONE: string[] = [];

/**
 * Loads the presence of `userIds` into the session's presence store once (and again after a reconnect,
 * which invalidates `['presence']`); `user_online`/`user_offline` keep it current in between.
 */
export function usePresenceOf(userIds: readonly string[]): void {
  const { http, session } = useSignedIn();
  const key = userIds.join(',');
  useQuery({
    queryKey: ['presence', key],
    enabled: key.length > 0,
    staleTime: Infinity,
    queryFn: async () => {
      const answer = await http.get<{
        presence: Array<{ userId: string; online: boolean; lastSeenAt: string | null }>;
      }>('/users/presence', { ids: key });
      for (const item of answer.presence) {
        session.presence.set(item.userId, { online: item.online, lastSeenAt: item.lastSeenAt });
      }
      return answer.presence.length;
    },
  });
}
