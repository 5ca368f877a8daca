import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { ApiError } from '../../api/api-error';
import type { ConversationResponse, SearchMessagesResponse } from '../../api/types';
import { queryKeys } from '../../app/query-keys';
import { useSignedIn } from '../../auth/auth-context';
import { paramsFromForm, type SearchForm, searchQuery } from './search-params';

/** A refused search (bad query, bad filter) is answered the same way again: show it at once, do not retry. */
const retryServerErrors = (failures: number, error: Error) =>
  !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 1;

/**
 * A message search, page by page with the server's cursor (newest first). Results are a snapshot: no refetch
 * on focus, which would reorder what the user is reading.
 */
export function useMessageSearch(form: SearchForm, enabled: boolean) {
  const { http } = useSignedIn();
  const key = paramsFromForm({ ...form, q: form.q.trim() }).toString();
  return useInfiniteQuery({
    queryKey: queryKeys.messageSearch(key),
    enabled,
    queryFn: ({ pageParam, signal }) =>
      http.request<SearchMessagesResponse>('/search/messages', {
        query: searchQuery(form, pageParam),
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    staleTime: 60_000,
    refetchOnWindowFocus: false,
    retry: retryServerErrors,
  });
}

/**
 * The caller's conversations whose title, or a member's name, has words starting with the query's words.
 * The previous answer stays on screen while the next one loads, so the list does not flicker while typing.
 */
export function useConversationSearch(q: string) {
  const { http } = useSignedIn();
  return useQuery({
    queryKey: queryKeys.conversationSearch(q),
    enabled: q.length > 0,
    queryFn: async ({ signal }) =>
      (
        await http.request<{ items: ConversationResponse[] }>('/conversations', {
          query: { q, limit: 50 },
          signal,
        })
      ).items,
    placeholderData: keepPreviousData,
    retry: retryServerErrors,
  });
}
