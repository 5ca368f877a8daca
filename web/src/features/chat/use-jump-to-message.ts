import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { useSignedIn } from '../../auth/auth-context';
import type { MessageWindow } from '../../chat/message-list';
import { shouldLoadOlder } from '../../chat/jump-target';

/**
 * `/c/:id?message=<messageId>[&seq=<seq>]` (a notification's or a search hit's link): once the message is in
 * the loaded window (older pages are loaded until it is), scroll to it and highlight it; the parameters then
 * leave the URL, so a reload or new messages do not jump again. `onMissing` hears when it is not there (deleted,
 * or before this member's history).
 */
export function useJumpToMessage(
  conversationId: string,
  window: MessageWindow | undefined,
  jumpTo: (messageId: string) => void,
  onMissing?: () => void,
): void {
  const { session } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const target = params.get('message');
  const seq = Number(params.get('seq')) || null;
  // Pages loaded for this target: a new link (another hit, same conversation) starts again.
  const loaded = useRef<{ target: string | null; pages: number }>({ target: null, pages: 0 });

  useEffect(() => {
    if (!target || !window) {
      return;
    }
    if (loaded.current.target !== target) {
      loaded.current = { target, pages: 0 };
    }
    const done = () =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          next.delete('message');
          next.delete('seq');
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
    if (shouldLoadOlder(window, seq, loaded.current.pages)) {
      loaded.current.pages += 1;
      void session.loadOlder(conversationId);
    } else {
      done();
      onMissing?.();
    }
    return undefined;
  }, [target, seq, window, conversationId, session, jumpTo, setParams, onMissing]);
}
