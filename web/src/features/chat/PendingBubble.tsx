import { useSignedIn } from '../../auth/auth-context';
import { useConnectionState } from '../../chat/hooks';
import type { PendingMessage } from '../../chat/outbox';
import { MessageAttachments } from '../media';
import { Ticks } from './Ticks';

/** A message the server has not stored yet: sending, waiting for the connection, or failed (retry/discard). */
export function PendingBubble({ item }: { item: PendingMessage }) {
  const { session } = useSignedIn();
  const connection = useConnectionState();
  const failed = item.status === 'failed';
  const waiting = connection !== 'online';
  return (
    <li
      className={`message mine pending${failed ? ' failed' : ''}`}
      data-status={item.status}
      data-pending="true"
    >
      <div className="bubble">
        <MessageAttachments attachments={item.attachments} />
        {item.content ? <p className="content">{item.content}</p> : null}
        <p className="meta">
          {failed ? (
            <span className="status" role="alert">
              Not sent: {item.error}{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => session.outbox.retry(item.clientMessageId)}
              >
                Retry
              </button>{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => session.outbox.discard(item.clientMessageId)}
              >
                Discard
              </button>
            </span>
          ) : (
            <>
              <span className="status">{waiting ? 'Waiting for connection' : 'Sending…'}</span>
              <Ticks state="pending" />
            </>
          )}
        </p>
      </div>
    </li>
  );
}
