const FORMAT = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "5 minutes ago", "3 hours ago", "yesterday", then a date ("Mar 4", with the year if not this one). */
export function relativeTime(iso: string, now: number): string {
  const then = Date.parse(iso);
  const seconds = Math.round((now - then) / 1000);
  if (seconds < 45) {
    return 'just now';
  }
  if (seconds < HOUR) {
    return FORMAT.format(-Math.max(1, Math.round(seconds / MINUTE)), 'minute');
  }
  if (seconds < DAY) {
    return FORMAT.format(-Math.round(seconds / HOUR), 'hour');
  }
  if (seconds < 7 * DAY) {
    return FORMAT.format(-Math.floor(seconds / DAY), 'day');
  }
  const date = new Date(then);
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  return date.toLocaleDateString('en', {
    day: 'numeric',
    month: 'short',
    year: sameYear ? undefined : 'numeric',
  });
}
