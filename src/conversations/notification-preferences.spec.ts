import { isMutedAt, NotifyLevel, preferenceChanges } from './notification-preferences';

describe('isMutedAt', () => {
  const now = new Date('2026-12-07T12:00:00Z');

  it('holds a mute with no end, and one whose end is still ahead', () => {
    expect(isMutedAt({ muted: true, mutedUntil: null }, now)).toBe(true);
    expect(isMutedAt({ muted: true, mutedUntil: new Date('2026-12-07T13:00:00Z') }, now)).toBe(true);
  });

  it('lifts a mute once its end has passed, without anything written', () => {
    expect(isMutedAt({ muted: true, mutedUntil: new Date('2026-12-07T12:00:00Z') }, now)).toBe(false);
    expect(isMutedAt({ muted: false, mutedUntil: null }, now)).toBe(false);
  });
});

describe('preferenceChanges', () => {
  const until = new Date('2026-12-08T08:00:00Z');

  it('mutes with no end for muted: true alone, and with an end when one is given', () => {
    expect(preferenceChanges({ muted: true })).toEqual({ muted: true, mutedUntil: null });
    expect(preferenceChanges({ mutedUntil: until })).toEqual({ muted: true, mutedUntil: until });
    expect(preferenceChanges({ muted: true, mutedUntil: until })).toEqual({ muted: true, mutedUntil: until });
  });

  it('clears the end when unmuting', () => {
    expect(preferenceChanges({ muted: false })).toEqual({ muted: false, mutedUntil: null });
  });

  it('makes a mute open-ended for mutedUntil: null alone, leaving whether it is muted as it was', () => {
    expect(preferenceChanges({ mutedUntil: null })).toEqual({ mutedUntil: null });
  });

  it('changes the level alone, or with the mute', () => {
    expect(preferenceChanges({ notify: NotifyLevel.Mentions })).toEqual({ notify: NotifyLevel.Mentions });
    expect(preferenceChanges({ notify: NotifyLevel.None, muted: false })).toEqual({
      notify: NotifyLevel.None,
      muted: false,
      mutedUntil: null,
    });
  });
});
