import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BlockEntry } from '../../api/types';
import { queryKeys } from '../../app/query-keys';
import { useSignedIn } from '../../auth/auth-context';

/** The caller's block list, newest first (as the server sends it). */
export function useBlocks() {
  const { http } = useSignedIn();
  return useQuery({
    queryKey: queryKeys.blocks,
    queryFn: async () => (await http.get<{ blocks: BlockEntry[] }>('/users/me/blocks')).blocks,
  });
}

/** Block or unblock one user; both are idempotent on the server. */
export function useSetBlocked() {
  const { http } = useSignedIn();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, blocked }: { userId: string; blocked: boolean }) =>
      blocked
        ? http.put<void>(`/users/me/blocks/${userId}`)
        : http.delete<void>(`/users/me/blocks/${userId}`),
    onSettled: () => queries.invalidateQueries({ queryKey: queryKeys.blocks }),
  });
}

/** Whether I blocked this user (false while the list loads), with the mutation to change it. */
export function useBlockOf(userId: string | null) {
  const blocks = useBlocks();
  const setBlocked = useSetBlocked();
  const blocked = userId !== null && (blocks.data?.some((entry) => entry.user.id === userId) ?? false);
  return { blocked, loaded: blocks.isSuccess, setBlocked };
}
