/** Scroll arithmetic of the message list, kept pure so it can be tested without layout. */

export interface ScrollMetrics {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
}

/** Within this many pixels of the end counts as "at the bottom" (sub-pixel rounding, a last line half shown). */
export const BOTTOM_SLACK_PX = 48;
/** Start fetching older messages this close to the top, before the user hits it. */
export const LOAD_OLDER_PX = 240;

export function isAtBottom(metrics: ScrollMetrics, slack = BOTTOM_SLACK_PX): boolean {
  return metrics.scrollHeight - metrics.scrollTop - metrics.clientHeight <= slack;
}

export function nearTop(metrics: ScrollMetrics, threshold = LOAD_OLDER_PX): boolean {
  return metrics.scrollTop <= threshold;
}

/**
 * After older messages were prepended, the scrollTop that keeps what the user was looking at in place:
 * everything grew by the height added above it.
 */
export function anchoredScrollTop(before: ScrollMetrics, afterScrollHeight: number): number {
  return Math.max(0, before.scrollTop + (afterScrollHeight - before.scrollHeight));
}

/** What the list does when its content changed. */
export function scrollAction(change: {
  prepended: boolean;
  appended: boolean;
  wasAtBottom: boolean;
  mineAppended: boolean;
}): 'anchor' | 'bottom' | 'none' {
  if (change.prepended) {
    return 'anchor';
  }
  if (change.appended && (change.wasAtBottom || change.mineAppended)) {
    return 'bottom';
  }
  return 'none';
}
