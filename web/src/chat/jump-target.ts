import type { MessageWindow } from './message-list';

/** Older pages a link may load looking for a message whose seq it does not know. */
export const PAGES_WITHOUT_SEQ = 10;
/** With the seq known, the pages are loaded until it; this only bounds a runaway (10,000 messages). */
export const PAGES_WITH_SEQ = 200;

/**
 * Whether a link to a message not in the window should load the next older page: with the message's seq
 * (a search hit), while the window starts after it; without (a notification), for a few pages.
 */
export function shouldLoadOlder(window: MessageWindow, seq: number | null, pagesLoaded: number): boolean {
  const first = window.messages[0]?.seq;
  if (!window.hasOlder || first === undefined) {
    return false;
  }
  if (seq === null) {
    return pagesLoaded < PAGES_WITHOUT_SEQ;
  }
  return first > seq && pagesLoaded < PAGES_WITH_SEQ;
}
