import { useEffect, useRef } from 'react';
import { useSignedIn } from '../../auth/auth-context';
import type { MessageWindow } from '../../chat/message-list';

/**
 * While a conversation is on screen: its incoming messages count as read (`open_conversation` when new ones
 * arrive and the page is visible, and again when the page becomes visible), and the receipt pointers start
 * from the receipts of my newest message in it (events keep them current afterwards).
 */
export function useReadAndReceipts(conversationId: string, window: MessageWindow | undefined): void {
  const { session, user } = useSignedIn();
  const lastSeq = window?.messages.at(-1)?.seq ?? 0;
  const receiptsLoaded = useRef(false);

  useEffect(() => {
    session.setOpenConversation(conversationId);
    return () => session.setOpenConversation(null);
  }, [session, conversationId]);

  useEffect(() => {
    const read = () => {
      if (lastSeq > 0 && document.visibilityState === 'visible') {
        void session.call('open_conversation', { conversationId }).catch(() => undefined);
      }
    };
    read();
    document.addEventListener('visibilitychange', read);
    return () => document.removeEventListener('visibilitychange', read);
  }, [session, conversationId, lastSeq]);

  const mineNewest = window
    ? [...window.messages].reverse().find((message) => message.senderId === user.id)
    : undefined;
  useEffect(() => {
    if (!receiptsLoaded.current && mineNewest) {
      receiptsLoaded.current = true;
      void session.loadReceipts(conversationId, mineNewest).catch(() => {
        receiptsLoaded.current = false;
      });
    }
  }, [session, conversationId, mineNewest]);
}
