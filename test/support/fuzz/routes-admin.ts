import fc from 'fast-check';
import { AuditAction } from '../../../src/audit/audit-action';
import { Role } from '../../../src/common/auth/role';
import { ModerationAction, ReportReason, ReportStatus } from '../../../src/moderation/report.schema';
import { RouteFuzz } from './route-fuzz';
import { fixtureId } from './hostile';
import { conversation, listCursor, message, oneOf, token, user } from './valid-values';

/** Admin and moderator routes (as an admin), and the reports users file. */
export const ADMIN_ROUTES: Record<string, RouteFuzz> = {
  'GET /api/v1/admin/users': {
    as: 'admin',
    shape: () => ({ query: { role: oneOf(...Object.values(Role)), q: oneOf('user', 'fuzz') } }),
  },
  // Role changes and suspensions of the world's users would change what every other route may do.
  'PATCH /api/v1/admin/users/:id': {
    as: 'admin',
    ownWorld: true,
    shape: (w) => ({ params: { id: user(w) }, body: fc.record({ role: oneOf(...Object.values(Role)) }) }),
  },
  'POST /api/v1/admin/users/:id/suspend': {
    as: 'admin',
    ownWorld: true,
    shape: (w) => ({
      params: { id: user(w) },
      body: fc.record(
        {
          reason: oneOf('spam'),
          durationHours: fc.oneof(fc.constant(0.5), fc.integer({ min: 1, max: 87_600 })),
        },
        { requiredKeys: ['reason'] },
      ),
    }),
  },
  'DELETE /api/v1/admin/users/:id/suspend': { as: 'admin', shape: (w) => ({ params: { id: user(w) } }) },
  'POST /api/v1/reports': {
    shape: (w) => ({
      body: fc
        .oneof(
          fc.record({ targetType: fc.constant('message'), targetId: message(w) }),
          fc.record({ targetType: fc.constant('user'), targetId: user(w) }),
          fc.record({ targetType: fc.constant('conversation'), targetId: conversation(w) }),
        )
        .chain((target) =>
          fc
            .record(
              { reason: oneOf(...Object.values(ReportReason)), note: oneOf('see this') },
              { requiredKeys: ['reason'] },
            )
            .map((rest) => ({ ...target, ...rest })),
        ),
    }),
  },
  'GET /api/v1/reports': { shape: () => ({ query: { cursor: token, limit: oneOf('1', '100') } }) },
  'GET /api/v1/reports/:id': { shape: (w) => ({ params: { id: fixtureId(w.myReport) } }) },
  'GET /api/v1/admin/reports': {
    as: 'admin',
    shape: (w) => ({
      query: {
        status: oneOf(...Object.values(ReportStatus)),
        reason: oneOf(...Object.values(ReportReason)),
        cursor: listCursor(w),
        limit: oneOf('1', '100'),
      },
    }),
  },
  // A resolution may suspend a user or ban them from a conversation.
  'POST /api/v1/admin/reports/:id/resolve': {
    as: 'admin',
    ownWorld: true,
    shape: (w) => ({
      params: { id: fixtureId(w.myReport) },
      body: fc.record(
        {
          action: oneOf(...Object.values(ModerationAction)),
          reason: oneOf('handled'),
          durationHours: fc.oneof(fc.constant(0.5), fc.integer({ min: 1, max: 24 })),
        },
        { requiredKeys: ['action', 'reason'] },
      ),
    }),
  },
  'GET /api/v1/admin/audit': {
    as: 'admin',
    shape: (w) => ({
      query: {
        actorId: user(w),
        action: oneOf(...Object.values(AuditAction)),
        targetId: user(w),
        from: oneOf('2020-01-01T00:00:00Z', new Date().toISOString()),
        to: oneOf('2999-01-01T00:00:00+02:00', new Date().toISOString()),
        cursor: listCursor(w),
        limit: oneOf('1', '100'),
      },
    }),
  },
};
