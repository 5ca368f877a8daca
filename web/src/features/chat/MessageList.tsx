import { type ReactNode, useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useSignedIn } from '../../auth/auth-context';
import { withDaySeparators } from '../../chat/day-groups';
import { useKeyed, usePending } from '../../chat/hooks';
import type { MessageWindow } from '../../chat/message-list';
import { tickOf } from '../../chat/receipt-pointers';
import {
  anchoredScrollTop,
  isAtBottom,
  nearTop,
  type ScrollMetrics,
  scrollAction,
} from '../../chat/scroll-anchor';
import { callInfoOf } from '../../calls/call-text';
import { CallMessage } from '../calls/CallMessage';
import { type BubbleEnvironment, MessageBubble } from './MessageBubble';
import { PendingBubble } from './PendingBubble';

const metricsOf = (element: HTMLElement): ScrollMetrics => ({
  scrollTop: element.scrollTop,
  scrollHeight: element.scrollHeight,
  clientHeight: element.clientHeight,
});

/**
 * The messages of the open conversation: older pages load when scrolling near the top (the view stays where
 * it was), new messages follow only when the user is at the bottom (or sent them), else "Jump to latest".
 */
export function MessageList({ window, env }: { window: MessageWindow | undefined; env: BubbleEnvironment }) {
  const { session } = useSignedIn();
  const conversationId = env.conversation.id;
  const pending = usePending(conversationId);
  const pointers = useKeyed(session.receipts, conversationId);
  const scroller = useRef<HTMLDivElement>(null);
  const last = useRef<{ first?: string; end?: string; metrics?: ScrollMetrics; atBottom: boolean }>({
    atBottom: true,
  });
  const loading = useRef(false);
  const [atBottom, setAtBottom] = useState(true);
  const messages = useMemo(() => window?.messages ?? [], [window]);
  const others = env.conversation.members.map((member) => member.userId).filter((id) => id !== env.myUserId);

  const loadOlder = useCallback(() => {
    if (loading.current || !window?.hasOlder || messages.length === 0) {
      return;
    }
    loading.current = true;
    void session.loadOlder(conversationId).finally(() => {
      loading.current = false;
    });
  }, [session, conversationId, window?.hasOlder, messages.length]);

  const first = messages[0]?.id;
  const endItem = pending.at(-1);
  const end = endItem ? endItem.clientMessageId : messages.at(-1)?.id;
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) {
      return;
    }
    const before = last.current;
    if (before.end === undefined && end !== undefined) {
      element.scrollTop = element.scrollHeight;
    } else if (before.metrics) {
      const prepended =
        first !== before.first && before.first !== undefined && messages.some((m) => m.id === before.first);
      const appended = end !== before.end;
      const mineAppended = appended && (endItem !== undefined || messages.at(-1)?.senderId === env.myUserId);
      const action = scrollAction({ prepended, appended, wasAtBottom: before.atBottom, mineAppended });
      if (action === 'anchor') {
        element.scrollTop = anchoredScrollTop(before.metrics, element.scrollHeight);
      } else if (action === 'bottom') {
        element.scrollTop = element.scrollHeight;
      }
    }
    const bottom = isAtBottom(metricsOf(element));
    last.current = { first, end, metrics: metricsOf(element), atBottom: bottom };
    setAtBottom(bottom);
    // A first page shorter than the screen: nothing to scroll, so load the next one now.
    if (element.scrollHeight <= element.clientHeight) {
      loadOlder();
    }
  }, [first, end, messages, endItem, env.myUserId, loadOlder]);

  function onScroll() {
    const element = scroller.current;
    if (!element) {
      return;
    }
    const metrics = metricsOf(element);
    last.current = { ...last.current, metrics, atBottom: isAtBottom(metrics) };
    setAtBottom(last.current.atBottom);
    if (nearTop(metrics)) {
      loadOlder();
    }
  }

  const items: ReactNode[] = [];
  let previousSender: string | null = null;
  for (const row of withDaySeparators(messages, (message) => message.id)) {
    if (row.kind === 'day') {
      previousSender = null;
      items.push(
        <li key={row.key} className="day-separator">
          {row.label}
        </li>,
      );
      continue;
    }
    const message = row.item;
    const call = callInfoOf(message);
    if (call) {
      previousSender = null;
      items.push(<CallMessage key={row.key} message={message} info={call} />);
      continue;
    }
    const tick = message.senderId === env.myUserId ? tickOf(message.seq, pointers, others) : null;
    items.push(
      <MessageBubble
        key={row.key}
        message={message}
        showSender={message.senderId !== previousSender}
        tick={tick}
        env={env}
      />,
    );
    previousSender = message.senderId;
  }
  return (
    <div className="message-scroller-wrap">
      <div
        ref={scroller}
        className="message-scroller"
        role="log"
        aria-label="Messages"
        tabIndex={0}
        onScroll={onScroll}
      >
        {window?.hasOlder === false ? (
          <p className="history-start">This is the start of the conversation.</p>
        ) : null}
        {window?.hasOlder && messages.length > 0 ? (
          <p className="history-start">
            <button type="button" className="link-button" onClick={loadOlder}>
              Load older messages
            </button>
          </p>
        ) : null}
        <ol className="message-list">
          {items}
          {pending.map((item) => (
            <PendingBubble key={item.clientMessageId} item={item} />
          ))}
        </ol>
      </div>
      {!atBottom ? (
        <button
          type="button"
          className="jump-latest"
          onClick={() => {
            const element = scroller.current;
            element?.scrollTo({ top: element.scrollHeight });
          }}
        >
          Jump to latest <span aria-hidden="true">↓</span>
        </button>
      ) : null}
    </div>
  );
}
