import { inQuietHours, isKnownTimeZone, pushAllowed, quietHoursEnd } from './quiet-hours';

describe('quiet hours', () => {
  const night = { quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Lisbon' } };
  const lunch = { quietHours: { start: '12:00', end: '13:30', timeZone: 'America/Sao_Paulo' } };

  it('holds across midnight in the user time zone', () => {
    // Lisbon is UTC+0 in December.
    expect(inQuietHours(night, new Date('2026-12-07T23:30:00Z'))).toBe(true);
    expect(inQuietHours(night, new Date('2026-12-08T06:59:00Z'))).toBe(true);
    expect(inQuietHours(night, new Date('2026-12-08T07:00:00Z'))).toBe(false);
    expect(inQuietHours(night, new Date('2026-12-07T21:59:00Z'))).toBe(false);
  });

  it('reads the clock of the user time zone, not the server one', () => {
    // São Paulo is UTC-3: 15:00 UTC is 12:00 there.
    expect(inQuietHours(lunch, new Date('2026-12-07T15:00:00Z'))).toBe(true);
    expect(inQuietHours(lunch, new Date('2026-12-07T12:00:00Z'))).toBe(false);
  });

  it('is never quiet without quiet hours', () => {
    expect(inQuietHours({ quietHours: null }, new Date())).toBe(false);
    expect(quietHoursEnd({ quietHours: null }, new Date())).toBeNull();
  });

  it('tells when the current quiet period ends, and nothing outside one', () => {
    expect(quietHoursEnd(night, new Date('2026-12-07T23:30:20Z'))).toEqual(new Date('2026-12-08T07:00:00Z'));
    expect(quietHoursEnd(lunch, new Date('2026-12-07T16:00:00Z'))).toEqual(new Date('2026-12-07T16:30:00Z'));
    expect(quietHoursEnd(night, new Date('2026-12-07T12:00:00Z'))).toBeNull();
  });

  it('allows push only when it is on and the user is outside quiet hours', () => {
    const at = new Date('2026-12-07T23:30:00Z');
    expect(pushAllowed({ push: true, ...night }, at)).toBe(false);
    expect(pushAllowed({ push: true, ...night }, new Date('2026-12-07T12:00:00Z'))).toBe(true);
    expect(pushAllowed({ push: false, quietHours: null }, at)).toBe(false);
  });

  it('knows IANA time zones and refuses made-up ones', () => {
    expect(isKnownTimeZone('Asia/Tokyo')).toBe(true);
    expect(isKnownTimeZone('UTC')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
