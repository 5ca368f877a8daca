import type { SnapshotResponse } from '../../api/types';
import { UserName } from './UserName';

/** The reported message as captured when it was reported, between the messages around it. */
export function Evidence({
  snapshot,
  context,
}: {
  snapshot: SnapshotResponse | null;
  context: SnapshotResponse[];
}) {
  if (!snapshot && context.length === 0) {
    return <p className="muted small">No messages kept (a user report keeps none).</p>;
  }
  const rows = snapshot
    ? [...context, snapshot].sort((a, b) => a.seq - b.seq)
    : [...context].sort((a, b) => a.seq - b.seq);
  return (
    <ol className="evidence" aria-label="Evidence">
      {rows.map((message) => {
        const reported = message === snapshot;
        return (
          <li key={message.messageId} className={reported ? 'reported' : undefined}>
            {reported ? <span className="reported-tag">Reported message</span> : null}
            <span className="evidence-meta">
              <UserName id={message.senderId} /> ·{' '}
              <time dateTime={message.createdAt}>{new Date(message.createdAt).toLocaleString()}</time>
              {message.editedAt ? ' · edited' : null}
            </span>
            <span className="evidence-content">
              {message.content ?? <em className="muted">({message.type}, no text)</em>}
            </span>
            {message.attachments.map((file, index) =>
              file.url ? (
                <a key={index} href={file.url} target="_blank" rel="noreferrer noopener" className="small">
                  {file.name} ({file.mimeType})
                </a>
              ) : null,
            )}
          </li>
        );
      })}
    </ol>
  );
}
