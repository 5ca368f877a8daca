import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { useSignedIn } from '../../auth/auth-context';
import type { MessageWindow } from '../../chat/message-list';

/** How many older pages a link to a message may load looking for it before giving up. */
const MAX_PAGES = 10;

/**
 * `/c/:id?message=<messageId>` (a notification's link): once the message is in the loaded window (older
 * pages are loaded until it is), scroll to it and highlight it; the parameter then leaves the URL, so a
 * reload or new messages do not jump again.
 */
export function useJumpToMessage(
  conversationId: string,
  window: MessageWindow | undefined,
  jumpTo: (messageId: string) => void,
): void {
  const { session } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const target = params.get('message');
  const pagesLoaded = useRef(0);

  useEffect(() => {
    if (!target || !window) {
      return;
    }
    const done = () =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          next.delete('message');
          return next;
        },
        { replace: true },
      );
    if (window.messages.some((message) => message.id === target)) {
      // After the list has laid out (and scrolled to the bottom for a first page).
      const frame = requestAnimationFrame(() => {
        jumpTo(target);
        done();
      });
      return () => cancelAnimationFrame(frame);
    }
    if (window.hasOlder && pagesLoaded.current < MAX_PAGES) {
      pagesLoaded.current += 1;
      void session.loadOlder(conversationId);
    } else {
      done();
    }
    return undefined;
  }, [target, window, conversationId, session, jumpTo, setParams]);
}
