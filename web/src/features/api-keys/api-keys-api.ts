import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiKeyResponse, CreatedApiKeyResponse } from '../../api/types';
import { useSignedIn } from '../../auth/auth-context';
import type { NewKeyBody } from './api-key-rules';

/** The admin's API keys (no event announces changes: refetched after each of this page's own). */
export const apiKeysKey = ['api-keys'] as const;

export function useApiKeys() {
  const { http } = useSignedIn();
  return useQuery({
    queryKey: apiKeysKey,
    queryFn: () => http.get<{ items: ApiKeyResponse[] }>('/admin/api-keys'),
  });
}

export function useCreateApiKey() {
  const { http } = useSignedIn();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: NewKeyBody) => http.post<CreatedApiKeyResponse>('/admin/api-keys', body),
    onSettled: () => void queries.invalidateQueries({ queryKey: apiKeysKey }),
  });
}

export function useRevokeApiKey() {
  const { http } = useSignedIn();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => http.delete<void>(`/admin/api-keys/${id}`),
    onSettled: () => void queries.invalidateQueries({ queryKey: apiKeysKey }),
  });
}
