import { NotificationSettings, QuietHours } from './notification-settings';

const MINUTES_PER_DAY = 24 * 60;

/** `HH:MM` as minutes after midnight. */
export function minutesOf(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return hours * 60 + minutes;
}

/** Minutes after midnight on the wall clock of `timeZone` at `now`. */
function localMinutes(now: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return part('hour') * 60 + part('minute');
}

/** Whether the time zone is one this runtime knows (IANA names such as `America/Sao_Paulo`, or `UTC`). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Minutes from `now` until the quiet period holding it ends; null outside quiet hours. */
function minutesLeft(quietHours: QuietHours, now: Date): number | null {
  const start = minutesOf(quietHours.start);
  const end = minutesOf(quietHours.end);
  const local = localMinutes(now, quietHours.timeZone);
  const inside = start < end ? local >= start && local < end : local >= start || local < end;
  return inside ? (end - local + MINUTES_PER_DAY) % MINUTES_PER_DAY : null;
}

export function inQuietHours(settings: Pick<NotificationSettings, 'quietHours'>, now: Date): boolean {
  return settings.quietHours !== null && minutesLeft(settings.quietHours, now) !== null;
}

/**
 * When the quiet period holding `now` ends (at the start of its last minute's next minute), null outside
 * quiet hours. Counted in wall-clock minutes, so across a daylight-saving change it may be an hour off.
 */
export function quietHoursEnd(settings: Pick<NotificationSettings, 'quietHours'>, now: Date): Date | null {
  const left = settings.quietHours && minutesLeft(settings.quietHours, now);
  if (!left) {
    return null;
  }
  const startOfMinute = Math.floor(now.getTime() / 60_000) * 60_000;
  return new Date(startOfMinute + left * 60_000);
}

/** Web Push goes out unless the user turned it off or is in quiet hours. */
export function pushAllowed(settings: Pick<NotificationSettings, 'push' | 'quietHours'>, now: Date): boolean {
  return settings.push && !inQuietHours(settings, now);
}
