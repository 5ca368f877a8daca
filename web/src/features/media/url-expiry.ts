/** Attachment URLs are fetched afresh this long before they expire, so nothing loads a dying URL. */
export const REFRESH_MARGIN_MS = 30_000;

/** The shortest wait between two refreshes of one message; doubled while refreshing brings nothing later. */
const MIN_DELAY_MS = 5_000;
const MAX_BACKOFF_MS = 10 * 60_000;

/** setTimeout's largest delay (a 32-bit signed count of ms); longer waits would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The earliest `urlExpiresAt` of a message's attachments, in ms; null when none expires (legacy URLs). */
export function earliestExpiry(attachments: ReadonlyArray<{ urlExpiresAt?: string }>): number | null {
  const times = attachments
    .map((file) => (file.urlExpiresAt ? Date.parse(file.urlExpiresAt) : Number.NaN))
    .filter((time) => Number.isFinite(time));
  return times.length > 0 ? Math.min(...times) : null;
}

/**
 * How long to wait before fetching a message's URLs afresh. `streak` counts the refreshes in a row that
 * came back already (nearly) expired by this device's clock: a clock running ahead of the server's would
 * otherwise ask again at once, forever; each such refresh doubles the wait instead.
 */
export function refreshDelay(expiresAt: number, now: number, streak = 0): number {
  const floor = Math.min(MAX_BACKOFF_MS, MIN_DELAY_MS * 2 ** streak);
  return Math.min(MAX_TIMER_MS, Math.max(floor, expiresAt - REFRESH_MARGIN_MS - now));
}

/** Whether URLs expiring at `expiresAt` were already due for a refresh when they arrived. */
export function isStale(expiresAt: number | null, now: number): boolean {
  return expiresAt !== null && expiresAt - REFRESH_MARGIN_MS <= now;
}
