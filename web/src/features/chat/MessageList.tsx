import { useSignedIn } from '../../auth/auth-context';
import { withDaySeparators } from '../../chat/day-groups';
import { usePending } from '../../chat/hooks';
import type { MessageWindow } from '../../chat/message-list';

export function MessageList({ conversationId, window }: { conversationId: string; window: MessageWindow | undefined }) {
  const { user } = useSignedIn();
  const pending = usePending(conversationId);
  const rows = withDaySeparators(window?.messages ?? [], (message) => message.id);
  return (
    <ol className="message-list" aria-label="Messages" aria-live="polite">
      {rows.map((row) =>
        row.kind === 'day' ? (
          <li key={row.key} className="day-separator">
            {row.label}
          </li>
        ) : (
          <li key={row.key} className={`message${row.item.senderId === user.id ? ' mine' : ''}`} data-seq={row.item.seq}>
            <p className="content">{row.item.deletedAt ? <em>Message deleted</em> : row.item.content}</p>
          </li>
        ),
      )}
      {pending.map((item) => (
        <li key={item.clientMessageId} className="message mine pending" data-status={item.status}>
          <p className="content">{item.content}</p>
          <span className="status">{item.status === 'failed' ? `Not sent: ${item.error}` : 'Sending…'}</span>
        </li>
      ))}
    </ol>
  );
}
