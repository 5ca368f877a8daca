import type { NotificationSettings } from '../api/types';

/** Email delays offered (minutes); the server takes any whole number from 1 to 1440. */
export const DELAY_CHOICES = [5, 15, 30, 60, 120, 240, 480, 1440];

export function delayLabel(minutes: number): string {
  if (minutes < 60) {
    return `${minutes} minutes`;
  }
  if (minutes === 1440) {
    return '1 day';
  }
  const hours = minutes / 60;
  return Number.isInteger(hours) ? `${hours} hour${hours === 1 ? '' : 's'}` : `${minutes} minutes`;
}

/** The offered delays, with the saved one among them when it was set elsewhere (through the API). */
export function delayChoices(current: number): number[] {
  return DELAY_CHOICES.includes(current) ? DELAY_CHOICES : [...DELAY_CHOICES, current].sort((a, b) => a - b);
}

/** The browser's IANA time zone (what quiet hours default to). */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The zones a browser knows, with `current` (and UTC) among them even where the list leaves them out. */
export function timeZoneChoices(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([...known, 'UTC', current])].sort();
}

/** What the settings form holds (quiet hours stay filled in while switched off, as the user left them). */
export interface SettingsDraft {
  emailDigest: boolean;
  emailDelayMinutes: number;
  push: boolean;
  quiet: boolean;
  start: string;
  end: string;
  timeZone: string;
}

export function draftOf(settings: NotificationSettings, defaultZone: string): SettingsDraft {
  return {
    emailDigest: settings.emailDigest,
    emailDelayMinutes: settings.emailDelayMinutes,
    push: settings.push,
    quiet: settings.quietHours !== null,
    start: settings.quietHours?.start ?? '22:00',
    end: settings.quietHours?.end ?? '07:00',
    timeZone: settings.quietHours?.timeZone ?? defaultZone,
  };
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export type Checked<T> = { ok: true; body: T } | { ok: false; errors: Record<string, string> };

/** The PATCH body for a draft, or why it cannot be sent (the server checks the same, and has the last word). */
export function settingsBody(draft: SettingsDraft): Checked<NotificationSettings> {
  const errors: Record<string, string> = {};
  if (draft.quiet) {
    if (!TIME.test(draft.start)) {
      errors.start = 'Enter a time like 22:00.';
    }
    if (!TIME.test(draft.end)) {
      errors.end = 'Enter a time like 07:00.';
    }
    if (!errors.start && !errors.end && draft.start === draft.end) {
      errors.end = 'The end must differ from the start.';
    }
    if (!draft.timeZone) {
      errors.timeZone = 'Choose a time zone.';
    }
  }
  if (
    !Number.isInteger(draft.emailDelayMinutes) ||
    draft.emailDelayMinutes < 1 ||
    draft.emailDelayMinutes > 1440
  ) {
    errors.emailDelayMinutes = 'Between 1 minute and 1 day.';
  }
  if (Object.keys(errors).length > 0) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    body: {
      emailDigest: draft.emailDigest,
      emailDelayMinutes: draft.emailDelayMinutes,
      push: draft.push,
      quietHours: draft.quiet ? { start: draft.start, end: draft.end, timeZone: draft.timeZone } : null,
    },
  };
}
