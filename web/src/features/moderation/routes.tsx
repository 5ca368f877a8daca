import { Route } from 'react-router';
import { ApiKeysPage } from '../api-keys/ApiKeysPage';
import { AdminUsersPage } from './AdminUsersPage';
import { AuditLogPage } from './AuditLogPage';
import { ModerationQueuePage } from './ModerationQueuePage';
import { MyReportsPage } from './MyReportsPage';

/**
 * The safety pages, behind sign-in. Each is reachable by URL whatever the role: the server refuses what the
 * role does not allow (403 INSUFFICIENT_ROLE, shown on the page); navigation shows only the allowed ones.
 */
export const moderationRoutes = (
  <>
    <Route path="reports" element={<MyReportsPage />} />
    <Route path="moderation" element={<ModerationQueuePage />} />
    <Route path="admin/users" element={<AdminUsersPage />} />
    <Route path="admin/audit" element={<AuditLogPage />} />
    <Route path="admin/api-keys" element={<ApiKeysPage />} />
  </>
);
