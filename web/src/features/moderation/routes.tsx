import { lazy, type ReactNode, Suspense } from 'react';
import { Route } from 'react-router';

// The safety and admin pages are loaded when first opened: most people never open them, so they stay out
// of the bundle every page load pays for.
const MyReportsPage = lazy(() => import('./MyReportsPage').then((m) => ({ default: m.MyReportsPage })));
const ModerationQueuePage = lazy(() =>
  import('./ModerationQueuePage').then((m) => ({ default: m.ModerationQueuePage })),
);
const AdminUsersPage = lazy(() => import('./AdminUsersPage').then((m) => ({ default: m.AdminUsersPage })));
const AuditLogPage = lazy(() => import('./AuditLogPage').then((m) => ({ default: m.AuditLogPage })));
const ApiKeysPage = lazy(() => import('../api-keys/ApiKeysPage').then((m) => ({ default: m.ApiKeysPage })));

/** A lazily loaded page, with a loading line while its code arrives. */
function loaded(page: ReactNode) {
  return (
    <Suspense
      fallback={
        <main className="splash" aria-busy="true">
          <p>Loading…</p>
        </main>
      }
    >
      {page}
    </Suspense>
  );
}

/**
 * The safety pages, behind sign-in. Each is reachable by URL whatever the role: the server refuses what the
 * role does not allow (403 INSUFFICIENT_ROLE, shown on the page); navigation shows only the allowed ones.
 */
export const moderationRoutes = (
  <>
    <Route path="reports" element={loaded(<MyReportsPage />)} />
    <Route path="moderation" element={loaded(<ModerationQueuePage />)} />
    <Route path="admin/users" element={loaded(<AdminUsersPage />)} />
    <Route path="admin/audit" element={loaded(<AuditLogPage />)} />
    <Route path="admin/api-keys" element={loaded(<ApiKeysPage />)} />
  </>
);
