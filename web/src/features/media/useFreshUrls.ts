import { useCallback, useEffect, useRef, useState } from 'react';
import type { HttpClient } from '../../api/http';
import type { MessageResponse } from '../../api/types';
import { useSignedIn } from '../../auth/auth-context';
import type { ChatSession } from '../../chat/chat-session';
import { updateMessage } from '../../chat/message-list';
import { earliestExpiry, nextStreak, refreshDelay } from './url-expiry';

/** Refreshes in flight, by message id: a message shown twice (or failing twice) is fetched once. */
const inFlight = new Map<string, Promise<MessageResponse | null>>();

/**
 * Fetches a message afresh (`GET /conversations/:id/messages/:messageId` signs its URLs anew) and puts its
 * attachments into its window; null when it is gone (deleted, or the user left).
 */
function refetch(
  http: HttpClient,
  session: ChatSession,
  message: Pick<MessageResponse, 'id' | 'conversationId'>,
): Promise<MessageResponse | null> {
  let pending = inFlight.get(message.id);
  if (!pending) {
    pending = http
      .get<MessageResponse>(`/conversations/${message.conversationId}/messages/${message.id}`)
      .then((fresh) => {
        session.updateWindow(message.conversationId, (window) =>
          updateMessage(window, message.id, (held) => ({ ...held, attachments: fresh.attachments })),
        );
        return fresh;
      })
      .catch(() => null)
      .finally(() => inFlight.delete(message.id));
    inFlight.set(message.id, pending);
  }
  return pending;
}

/**
 * Keeps a shown message's signed attachment URLs usable: fetches them afresh shortly before the earliest
 * `urlExpiresAt`, and when a media element fails to load (what an expired URL looks like, e.g. after the
 * computer slept through the timer). Returns that second trigger for the attachments' `onStale`. Legacy
 * attachments (no expiry) are left alone.
 */
export function useFreshUrls(message: Pick<MessageResponse, 'id' | 'conversationId' | 'attachments'>) {
  const { http, session } = useSignedIn();
  const expiresAt = earliestExpiry(message.attachments);
  // Refreshes in a row that brought nothing newer (a clock ahead of the server's): each doubles the wait.
  const streak = useRef(0);
  // Bumped after every refresh, so the timer is set again even when the URLs came back unchanged.
  const [round, setRound] = useState(0);
  // The expiry an error already led to a refresh for: a file that really fails is not fetched over and over.
  const refreshedOnError = useRef<number | null>(null);

  const { id, conversationId } = message;
  const refresh = useCallback(() => {
    void refetch(http, session, { id, conversationId }).then((fresh) => {
      streak.current = nextStreak(expiresAt, fresh && earliestExpiry(fresh.attachments), streak.current);
      setRound((current) => current + 1);
    });
  }, [http, session, id, conversationId, expiresAt]);

  useEffect(() => {
    if (expiresAt === null) {
      return;
    }
    const timer = setTimeout(refresh, refreshDelay(expiresAt, Date.now(), streak.current));
    return () => clearTimeout(timer);
  }, [expiresAt, refresh, round]);

  return useCallback(() => {
    if (expiresAt === null || refreshedOnError.current === expiresAt) {
      return;
    }
    refreshedOnError.current = expiresAt;
    refresh();
  }, [expiresAt, refresh]);
}
