import type { SessionResponse } from '../../api/types';

/** This device first, then the ones online now, then by last use, newest first. */
export function orderSessions(sessions: readonly SessionResponse[]): SessionResponse[] {
  return [...sessions].sort(
    (a, b) =>
      Number(b.current) - Number(a.current) ||
      Number(b.connected) - Number(a.connected) ||
      Date.parse(b.lastUsedAt) - Date.parse(a.lastUsedAt),
  );
}

const BROWSERS: Array<[RegExp, string]> = [
  [/Edg\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/Firefox\//, 'Firefox'],
  [/Chrom(e|ium)\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];

const SYSTEMS: Array<[RegExp, string]> = [
  [/Android/, 'Android'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

/** "Chrome on Linux" from the user agent the session started with; the raw text when unrecognised. */
export function deviceName(userAgent: string): string {
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (browser && system) {
    return `${browser} on ${system}`;
  }
  const label = browser ?? system ?? userAgent.trim();
  return label.length > 0 ? label.slice(0, 80) : 'Unknown device';
}

/** "just now", "5 minutes ago", "3 hours ago", else a date: enough to recognise a device. */
export function lastUsedText(iso: string, now = Date.now(), locale?: string): string {
  const seconds = Math.max(0, (now - Date.parse(iso)) / 1000);
  if (seconds < 60) {
    return 'just now';
  }
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (seconds < 3600) {
    return format.format(-Math.floor(seconds / 60), 'minute');
  }
  if (seconds < 86_400) {
    return format.format(-Math.floor(seconds / 3600), 'hour');
  }
  return new Date(iso).toLocaleDateString(locale, { dateStyle: 'medium' });
}
