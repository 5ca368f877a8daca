import { describe, expect, it } from 'vitest';
import {
  auditQuery,
  filtersFromSearch,
  filtersToSearch,
  parseHours,
  queueQuery,
  resolveBody,
} from './moderation-queries';

describe('queue filters', () => {
  it('reads the URL, defaulting what is missing or unknown', () => {
    expect(filtersFromSearch(new URLSearchParams(''))).toEqual({ status: 'open', reason: null });
    expect(filtersFromSearch(new URLSearchParams('status=resolved&reason=spam'))).toEqual({
      status: 'resolved',
      reason: 'spam',
    });
    expect(filtersFromSearch(new URLSearchParams('status=bogus&reason=bogus'))).toEqual({
      status: 'open',
      reason: null,
    });
  });

  it('round-trips through the URL, leaving defaults out', () => {
    expect(filtersToSearch({ status: 'open', reason: null }).toString()).toBe('');
    const filters = { status: 'resolved', reason: 'hate' } as const;
    expect(filtersFromSearch(filtersToSearch(filters))).toEqual(filters);
  });

  it('maps to the API query with a cursor and the page size', () => {
    expect(queueQuery({ status: 'open', reason: null })).toEqual({
      status: 'open',
      reason: undefined,
      cursor: undefined,
      limit: 20,
    });
    expect(queueQuery({ status: 'resolved', reason: 'spam' }, 'abc')).toMatchObject({
      reason: 'spam',
      cursor: 'abc',
    });
  });
});

describe('resolveBody', () => {
  it('requires a reason', () => {
    expect(resolveBody('dismiss', '  ', '')).toEqual({ ok: false, errors: { reason: expect.any(String) } });
  });

  it('sends a duration only with a suspension', () => {
    expect(resolveBody('suspend_user', 'abuse', '1.5')).toEqual({
      ok: true,
      body: { action: 'suspend_user', reason: 'abuse', durationHours: 1.5 },
    });
    expect(resolveBody('suspend_user', 'abuse', '')).toEqual({
      ok: true,
      body: { action: 'suspend_user', reason: 'abuse' },
    });
    expect(resolveBody('remove_message', ' spam ', '12')).toEqual({
      ok: true,
      body: { action: 'remove_message', reason: 'spam' },
    });
    expect(resolveBody('suspend_user', 'x', '-2').ok).toBe(false);
  });

  it('parses hours', () => {
    expect(parseHours('')).toBeUndefined();
    expect(parseHours('24')).toBe(24);
    expect(parseHours('0')).toBe('invalid');
    expect(parseHours('abc')).toBe('invalid');
  });
});

describe('auditQuery', () => {
  const empty = { actorId: '', targetId: '', action: '', from: '', to: '' };

  it('sends only the filters given', () => {
    expect(auditQuery(empty)).toEqual({
      ok: true,
      body: {
        actorId: undefined,
        targetId: undefined,
        action: undefined,
        from: undefined,
        to: undefined,
        cursor: undefined,
      },
    });
  });

  it('checks ids and the order of the dates, and gives times an offset', () => {
    expect(auditQuery({ ...empty, actorId: 'nope' })).toMatchObject({
      ok: false,
      errors: { actorId: expect.any(String) },
    });
    const result = auditQuery({ ...empty, from: '2026-04-02T10:00', to: '2026-04-01T10:00' });
    expect(result).toMatchObject({ ok: false, errors: { from: expect.any(String) } });
    const ok = auditQuery({ ...empty, from: '2026-04-01T10:00', action: 'user.suspended' }, 'c1');
    expect(ok.ok && ok.body.from).toMatch(/Z$/);
    expect(ok.ok && ok.body).toMatchObject({ action: 'user.suspended', cursor: 'c1' });
  });
});
