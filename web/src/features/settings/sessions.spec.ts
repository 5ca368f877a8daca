import { describe, expect, it } from 'vitest';
import type { SessionResponse } from '../../api/types';
import { deviceName, lastUsedText, orderSessions } from './sessions';

const session = (id: string, lastUsedAt: string, extra: Partial<SessionResponse> = {}): SessionResponse => ({
  id,
  deviceLabel: '',
  ip: '127.0.0.1',
  createdAt: lastUsedAt,
  lastUsedAt,
  current: false,
  connected: false,
  ...extra,
});

describe('orderSessions', () => {
  it('puts this device first, then connected ones, then the most recently used', () => {
    const ordered = orderSessions([
      session('old', '2026-01-01T00:00:00Z'),
      session('recent', '2026-03-01T00:00:00Z'),
      session('online', '2025-01-01T00:00:00Z', { connected: true }),
      session('me', '2024-01-01T00:00:00Z', { current: true }),
    ]);
    expect(ordered.map((s) => s.id)).toEqual(['me', 'online', 'recent', 'old']);
  });

  it('does not change the list it is given', () => {
    const list = [session('a', '2026-01-01T00:00:00Z'), session('b', '2026-02-01T00:00:00Z')];
    orderSessions(list);
    expect(list.map((s) => s.id)).toEqual(['a', 'b']);
  });
});

describe('deviceName', () => {
  it('names common browsers and systems', () => {
    expect(deviceName('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36')).toBe(
      'Chrome on Linux',
    );
    expect(deviceName('Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120 Safari/537.36 Edg/120')).toBe(
      'Edge on Windows',
    );
    expect(
      deviceName('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Version/17.0 Safari/604.1'),
    ).toBe('Safari on iOS');
    expect(deviceName('Mozilla/5.0 (Macintosh; Intel Mac OS X 14.0; rv:121.0) Gecko Firefox/121.0')).toBe(
      'Firefox on macOS',
    );
  });

  it('falls back to the raw label, or a placeholder when empty', () => {
    expect(deviceName('curl/8.5.0')).toBe('curl/8.5.0');
    expect(deviceName('   ')).toBe('Unknown device');
  });
});

describe('lastUsedText', () => {
  const now = Date.parse('2026-05-01T12:00:00Z');
  it('says how long ago in words', () => {
    expect(lastUsedText('2026-05-01T11:59:30Z', now, 'en')).toBe('just now');
    expect(lastUsedText('2026-05-01T11:55:00Z', now, 'en')).toBe('5 minutes ago');
    expect(lastUsedText('2026-05-01T09:00:00Z', now, 'en')).toBe('3 hours ago');
  });
});
