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
