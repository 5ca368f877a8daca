import { describe, expect, it } from 'vitest';
import {
  MUTE_CHOICES,
  type MuteChoice,
  muteBody,
  mutedNow,
  muteStatus,
  notifyLevelOf,
} from './conversation-prefs';

const NOW = new Date(2026, 2, 10, 12, 0).getTime();

describe('conversation notification preferences', () => {
  it('builds mute bodies with an end, or none for "until turned back on"', () => {
    const [hour, , day, forever] = MUTE_CHOICES as [MuteChoice, MuteChoice, MuteChoice, MuteChoice];
    expect(muteBody(hour, NOW)).toEqual({
      muted: true,
      mutedUntil: new Date(NOW + 3_600_000).toISOString(),
    });
    expect(muteBody(day, NOW).mutedUntil).toBe(new Date(NOW + 86_400_000).toISOString());
    expect(muteBody(forever, NOW)).toEqual({ muted: true, mutedUntil: null });
  });

  it('reads a mute with an end that has passed as not muted', () => {
    expect(mutedNow({ muted: true, mutedUntil: null }, NOW)).toBe(true);
    expect(mutedNow({ muted: true, mutedUntil: new Date(NOW + 1000).toISOString() }, NOW)).toBe(true);
    expect(mutedNow({ muted: true, mutedUntil: new Date(NOW - 1000).toISOString() }, NOW)).toBe(false);
    expect(mutedNow({ muted: false, mutedUntil: null }, NOW)).toBe(false);
    expect(mutedNow({ muted: true }, NOW)).toBe(true);
  });

  it('says until when', () => {
    expect(muteStatus({ muted: false }, NOW)).toBeNull();
    expect(muteStatus({ muted: true, mutedUntil: null }, NOW)).toBe('Muted until you turn it back on');
    expect(muteStatus({ muted: true, mutedUntil: new Date(2026, 2, 10, 15, 30).toISOString() }, NOW)).toBe(
      'Muted until 15:30',
    );
    expect(muteStatus({ muted: true, mutedUntil: new Date(2026, 2, 11, 9, 0).toISOString() }, NOW)).toBe(
      'Muted until Wed 09:00',
    );
  });

  it('defaults the level to all (a server without levels)', () => {
    expect(notifyLevelOf({ muted: false })).toBe('all');
    expect(notifyLevelOf({ muted: false, notify: 'mentions' })).toBe('mentions');
  });
});
