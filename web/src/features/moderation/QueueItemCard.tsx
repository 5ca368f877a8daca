import type { QueueItemResponse } from '../../api/types';
import { type Action, ACTION_LABELS, type Reason, REASON_LABELS } from './moderation-rules';
import { Evidence } from './Evidence';
import { ResolveForm } from './ResolveForm';
import { UserName } from './UserName';

const TARGET_WORDS = { message: 'Message', user: 'User', conversation: 'Conversation' } as const;

/** One report in the queue: who reported whom and why, the evidence, and the decision (made or to make). */
export function QueueItemCard({
  item,
  onResolved,
}: {
  item: QueueItemResponse;
  onResolved: (text: string) => void;
}) {
  const headingId = `report-${item.id}`;
  return (
    <article className="card queue-item" aria-labelledby={headingId}>
      <header className="card-row">
        <h2 id={headingId} className="card-title">
          {TARGET_WORDS[item.targetType as keyof typeof TARGET_WORDS]} reported for{' '}
          {REASON_LABELS[item.reason as Reason].toLowerCase()}
        </h2>
        {item.openReportsOnTarget > 1 ? (
          <span className="pill open">{item.openReportsOnTarget} open reports on this</span>
        ) : null}
      </header>
      <dl className="facts">
        <div>
          <dt>Reported by</dt>
          <dd>
            <UserName id={item.reporterId} />
          </dd>
        </div>
        <div>
          <dt>About</dt>
          <dd>
            <UserName id={item.targetUserId} />
          </dd>
        </div>
        <div>
          <dt>When</dt>
          <dd>
            <time dateTime={item.createdAt}>{new Date(item.createdAt).toLocaleString()}</time>
          </dd>
        </div>
      </dl>
      {item.note ? <blockquote className="note">{item.note}</blockquote> : null}
      <Evidence snapshot={item.snapshot} context={item.context} />
      {item.resolution ? (
        <p className="resolution">
          <strong>{ACTION_LABELS[item.resolution.action as Action]}</strong> by{' '}
          <UserName id={item.resolution.moderatorId} />,{' '}
          <time dateTime={item.resolution.resolvedAt}>
            {new Date(item.resolution.resolvedAt).toLocaleString()}
          </time>
          {item.resolution.durationHours ? ` · ${item.resolution.durationHours} h` : null}
          {item.resolution.viaReportId ? ' · with another report on the same target' : null}
          <br />
          <span className="muted">“{item.resolution.reason}”</span>
        </p>
      ) : (
        <ResolveForm item={item} onResolved={onResolved} />
      )}
    </article>
  );
}
