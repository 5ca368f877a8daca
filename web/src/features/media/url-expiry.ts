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
 * How long to wait before fetching a message's URLs afresh: until shortly before they expire, and at least
 * a few seconds, doubled for each refresh in a row that brought nothing newer (`streak`). A clock running
 * far ahead of the server's sees every URL as expired: it would otherwise ask again at once, forever.
 */
export function refreshDelay(expiresAt: number, now: number, streak = 0): number {
  const floor = Math.min(MAX_BACKOFF_MS, MIN_DELAY_MS * 2 ** streak);
  return Math.min(MAX_TIMER_MS, Math.max(floor, expiresAt - REFRESH_MARGIN_MS - now));
}

/** The streak after a refresh: back to 0 when it brought URLs that last longer, else one more. */
export function nextStreak(held: number | null, fresh: number | null, streak: number): number {
  return held !== null && fresh !== null && fresh > held ? 0 : streak + 1;
}
