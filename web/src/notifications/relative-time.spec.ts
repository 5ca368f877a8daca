import { describe, expect, it } from 'vitest';
import { relativeTime } from './relative-time';

const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();

describe('relativeTime', () => {
  it('reads recent times relative to now', () => {
    expect(relativeTime(ago(10), NOW)).toBe('just now');
    expect(relativeTime(ago(60), NOW)).toBe('1 minute ago');
    expect(relativeTime(ago(5 * 60), NOW)).toBe('5 minutes ago');
    expect(relativeTime(ago(3 * 3600), NOW)).toBe('3 hours ago');
    expect(relativeTime(ago(30 * 3600), NOW)).toBe('yesterday');
    expect(relativeTime(ago(3 * 86400), NOW)).toBe('3 days ago');
  });

  it('gives a date after a week, with the year when it is not this one', () => {
    expect(relativeTime('2026-02-01T12:00:00.000Z', NOW)).toBe('Feb 1');
    expect(relativeTime('2025-02-01T12:00:00.000Z', NOW)).toBe('Feb 1, 2025');
  });

  it('treats a time slightly ahead (clock skew) as now', () => {
    expect(relativeTime(ago(-5), NOW)).toBe('just now');
  });
});
