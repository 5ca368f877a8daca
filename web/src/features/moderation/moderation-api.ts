import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AdminUserResponse,
  AuditPage,
  ConversationBanResponse,
  MyReportResponse,
  Page,
  PublicProfile,
  QueueItemResponse,
} from '../../api/types';
import type { HttpClient } from '../../api/http';
import { useSignedIn } from '../../auth/auth-context';
import { type QueueFilters, queueQuery, type ResolveBody } from './moderation-queries';
import type { Reason, RoleName, TargetType } from './moderation-rules';

/** Query keys of the moderation screens (kept beside them; no socket event touches these). */
export const moderationKeys = {
  myReports: ['my-reports'] as const,
  queue: (filters: QueueFilters) => ['moderation-queue', filters] as const,
  queueAll: ['moderation-queue'] as const,
  adminUsers: (q: string) => ['admin-users', q] as const,
  adminUsersAll: ['admin-users'] as const,
  audit: (query: Record<string, string | undefined>) => ['audit', query] as const,
  bans: (conversationId: string) => ['conversation-bans', conversationId] as const,
  profile: (userId: string) => ['profile', userId] as const,
};

export interface NewReport {
  targetType: TargetType;
  targetId: string;
  reason: Reason;
  note?: string;
}

export function useFileReport() {
  const { http } = useSignedIn();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (report: NewReport) => http.post<MyReportResponse>('/reports', report),
    onSuccess: () => void queries.invalidateQueries({ queryKey: moderationKeys.myReports }),
  });
}

/** A list read page by page with the server's cursor (a null `nextCursor` is the end). */
function useCursorPages<T extends { nextCursor: string | null }>(
  queryKey: readonly unknown[],
  fetch: (http: HttpClient, cursor: string | null) => Promise<T>,
  options: { refetchInterval?: number } = {},
) {
  const { http } = useSignedIn();
  return useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetch(http, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    ...options,
  });
}

export function useMyReports() {
  return useCursorPages(moderationKeys.myReports, (http, cursor) =>
    http.get<Page<MyReportResponse>>('/reports', { cursor: cursor ?? undefined }),
  );
}

export function useQueue(filters: QueueFilters) {
  return useCursorPages(
    moderationKeys.queue(filters),
    (http, cursor) => http.get<Page<QueueItemResponse>>('/admin/reports', queueQuery(filters, cursor)),
    // No socket event announces new reports: poll while the queue is on screen.
    { refetchInterval: 30_000 },
  );
}

export function useResolveReport() {
  const { http } = useSignedIn();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ResolveBody }) =>
      http.post<QueueItemResponse>(`/admin/reports/${id}/resolve`, body),
    // Resolving closes the target's other open reports too: refetch every queue view, resolved or not.
    onSettled: () => void queries.invalidateQueries({ queryKey: moderationKeys.queueAll }),
  });
}

/** A user's public name, for ids in the queue and the audit log (one cached request per user). */
export function useProfile(userId: string | null) {
  const { http } = useSignedIn();
  return useQuery({
    queryKey: moderationKeys.profile(userId ?? ''),
    queryFn: () => http.get<PublicProfile>(`/users/${userId}`),
    enabled: userId !== null,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export function useAdminUsers(q: string, enabled: boolean) {
  const { http } = useSignedIn();
  return useQuery({
    queryKey: moderationKeys.adminUsers(q),
    queryFn: () => http.get<{ users: AdminUserResponse[] }>('/admin/users', { q: q || undefined }),
    enabled,
  });
}

type UserChange =
  | { kind: 'role'; role: RoleName }
  | { kind: 'suspend'; reason: string; durationHours?: number }
  | { kind: 'unsuspend' }
  | { kind: 'status'; status: 'active' | 'disabled' };

export function useChangeUser() {
  const { http } = useSignedIn();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, change }: { userId: string; change: UserChange }) => {
      switch (change.kind) {
        case 'role':
          return http.patch(`/admin/users/${userId}`, { role: change.role });
        case 'suspend':
          return http.post(`/admin/users/${userId}/suspend`, {
            reason: change.reason,
            durationHours: change.durationHours,
          });
        case 'unsuspend':
          return http.delete(`/admin/users/${userId}/suspend`);
        case 'status':
          return http.patch(`/users/${userId}/status`, { status: change.status });
      }
    },
    onSettled: () => void queries.invalidateQueries({ queryKey: moderationKeys.adminUsersAll }),
  });
}

export function useAudit(query: Record<string, string | undefined>) {
  return useCursorPages(moderationKeys.audit(query), (http, cursor) =>
    http.get<AuditPage>('/admin/audit', { ...query, cursor: cursor ?? undefined }),
  );
}

export function useBans(conversationId: string) {
  const { http } = useSignedIn();
  return useQuery({
    queryKey: moderationKeys.bans(conversationId),
    queryFn: () => http.get<{ bans: ConversationBanResponse[] }>(`/conversations/${conversationId}/bans`),
  });
}

export function useBanChange(conversationId: string) {
  const { http } = useSignedIn();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (change: { ban: true; userId: string; reason?: string } | { ban: false; userId: string }) =>
      change.ban
        ? http.post(`/conversations/${conversationId}/bans`, { userId: change.userId, reason: change.reason })
        : http.delete(`/conversations/${conversationId}/bans/${change.userId}`),
    onSettled: () => void queries.invalidateQueries({ queryKey: moderationKeys.bans(conversationId) }),
  });
}
