import { type Action, type Reason, REASONS } from './moderation-rules';

export interface QueueFilters {
  status: 'open' | 'resolved';
  reason: Reason | null;
}

/** Queue filters live in the page's URL (shareable, kept on reload); anything unknown reads as the default. */
export function filtersFromSearch(params: URLSearchParams): QueueFilters {
  const reason = params.get('reason');
  return {
    status: params.get('status') === 'resolved' ? 'resolved' : 'open',
    reason: REASONS.includes(reason as Reason) ? (reason as Reason) : null,
  };
}

export function filtersToSearch(filters: QueueFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status !== 'open') {
    params.set('status', filters.status);
  }
  if (filters.reason) {
    params.set('reason', filters.reason);
  }
  return params;
}

export const QUEUE_PAGE_SIZE = 20;

/** GET /admin/reports query for one page. */
export function queueQuery(
  filters: QueueFilters,
  cursor?: string | null,
): Record<string, string | number | undefined> {
  return {
    status: filters.status,
    reason: filters.reason ?? undefined,
    cursor: cursor ?? undefined,
    limit: QUEUE_PAGE_SIZE,
  };
}

export interface ResolveBody {
  action: Action;
  reason: string;
  durationHours?: number;
}

export type Checked<T> = { ok: true; body: T } | { ok: false; errors: Record<string, string> };

/** The resolve form as the server accepts it: a reason (1-500), a duration only for a suspension. */
export function resolveBody(action: Action, reason: string, durationText: string): Checked<ResolveBody> {
  const errors: Record<string, string> = {};
  const text = reason.trim();
  if (text.length === 0) {
    errors.reason = 'Give a reason for the record.';
  } else if (text.length > 500) {
    errors.reason = 'At most 500 characters.';
  }
  const duration = action === 'suspend_user' ? parseHours(durationText) : undefined;
  if (duration === 'invalid') {
    errors.durationHours = 'Enter a positive number of hours, or leave empty for "until lifted".';
  }
  if (Object.keys(errors).length > 0) {
    return { ok: false, errors };
  }
  const body: ResolveBody = { action, reason: text };
  if (typeof duration === 'number') {
    body.durationHours = duration;
  }
  return { ok: true, body };
}

/** Hours from a form field: empty means none (until lifted). */
export function parseHours(text: string): number | undefined | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') {
    return undefined;
  }
  const hours = Number(trimmed);
  return Number.isFinite(hours) && hours > 0 && hours <= 24 * 366 ? hours : 'invalid';
}

export interface AuditFilters {
  actorId: string;
  targetId: string;
  action: string;
  /** `<input type="datetime-local">` values, in the browser's time zone. */
  from: string;
  to: string;
}

const HEX_ID = /^[a-f\d]{24}$/i;

/** GET /admin/audit query, or which filter is not valid (ids are 24 hex characters; times get an offset). */
export function auditQuery(
  filters: AuditFilters,
  cursor?: string | null,
): Checked<Record<string, string | undefined>> {
  const errors: Record<string, string> = {};
  for (const key of ['actorId', 'targetId'] as const) {
    if (filters[key].trim() && !HEX_ID.test(filters[key].trim())) {
      errors[key] = 'An id is 24 hexadecimal characters.';
    }
  }
  const from = localToIso(filters.from);
  const to = localToIso(filters.to);
  if (from === 'invalid') {
    errors.from = 'Not a valid date and time.';
  }
  if (to === 'invalid') {
    errors.to = 'Not a valid date and time.';
  }
  if (from && to && from !== 'invalid' && to !== 'invalid' && from > to) {
    errors.from = 'Must not be after "to".';
  }
  if (Object.keys(errors).length > 0) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    body: {
      actorId: filters.actorId.trim() || undefined,
      targetId: filters.targetId.trim() || undefined,
      action: filters.action || undefined,
      from: from || undefined,
      to: to || undefined,
      cursor: cursor ?? undefined,
    },
  };
}

/** An ISO time, `undefined` when empty, or the word 'invalid'. */
function localToIso(value: string): string | undefined {
  if (!value) {
    return undefined;
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? 'invalid' : date.toISOString();
}
