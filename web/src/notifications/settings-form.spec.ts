import { describe, expect, it } from 'vitest';
import { delayChoices, delayLabel, draftOf, settingsBody, timeZoneChoices } from './settings-form';

const defaults = { emailDigest: true, emailDelayMinutes: 15, push: true, quietHours: null };

describe('notification settings form', () => {
  it('labels delays and keeps a delay set elsewhere among the choices', () => {
    expect(delayLabel(15)).toBe('15 minutes');
    expect(delayLabel(60)).toBe('1 hour');
    expect(delayLabel(120)).toBe('2 hours');
    expect(delayLabel(90)).toBe('90 minutes');
    expect(delayLabel(1440)).toBe('1 day');
    expect(delayChoices(15)).not.toContain(7);
    expect(delayChoices(7).slice(0, 2)).toEqual([5, 7]);
  });

  it("starts quiet hours at 22:00-07:00 in the browser's zone when none are set", () => {
    expect(draftOf(defaults, 'Europe/Paris')).toEqual({
      emailDigest: true,
      emailDelayMinutes: 15,
      push: true,
      quiet: false,
      start: '22:00',
      end: '07:00',
      timeZone: 'Europe/Paris',
    });
  });

  it('sends quiet hours only when switched on, wrapping midnight', () => {
    const draft = draftOf(defaults, 'Europe/Paris');
    expect(settingsBody(draft)).toEqual({ ok: true, body: defaults });
    expect(settingsBody({ ...draft, quiet: true, emailDigest: false })).toEqual({
      ok: true,
      body: {
        ...defaults,
        emailDigest: false,
        quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Paris' },
      },
    });
  });

  it('refuses malformed or empty quiet hours', () => {
    const draft = { ...draftOf(defaults, 'UTC'), quiet: true };
    expect(settingsBody({ ...draft, start: '' })).toEqual({
      ok: false,
      errors: { start: 'Enter a time like 22:00.' },
    });
    expect(settingsBody({ ...draft, end: '22:00' })).toEqual({
      ok: false,
      errors: { end: 'The end must differ from the start.' },
    });
    // Switched off, whatever is left in the fields is not sent, so it is not checked.
    expect(settingsBody({ ...draft, quiet: false, start: '' }).ok).toBe(true);
  });

  it('lists the current zone and UTC among the zones', () => {
    const zones = timeZoneChoices('Mars/Olympus_Mons');
    expect(zones).toContain('Mars/Olympus_Mons');
    expect(zones).toContain('UTC');
  });
});
