import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQueue } from './moderation-api';
import { moderationErrorText } from './moderation-errors';
import { filtersFromSearch, filtersToSearch, type QueueFilters } from './moderation-queries';
import { type Reason, REASON_LABELS, REASONS } from './moderation-rules';
import { AdminShell } from './AdminShell';
import { QueueItemCard } from './QueueItemCard';

/** The moderation queue: open reports oldest first (or resolved ones), with their evidence and decisions. */
export function ModerationQueuePage() {
  const [params, setParams] = useSearchParams();
  const filters = filtersFromSearch(params);
  const queue = useQueue(filters);
  const [notice, setNotice] = useState('');
  const items = queue.data?.pages.flatMap((page) => page.items) ?? [];
  const setFilters = (next: QueueFilters) => setParams(filtersToSearch(next), { replace: true });

  return (
    <AdminShell
      title="Moderation queue"
      actions={
        <button type="button" onClick={() => void queue.refetch()} disabled={queue.isFetching}>
          {queue.isFetching ? 'Refreshing…' : 'Refresh'}
        </button>
      }
    >
      <form className="filters" aria-label="Filter reports" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="queue-status">Status</label>
          <select
            id="queue-status"
            value={filters.status}
            onChange={(event) =>
              setFilters({ ...filters, status: event.target.value as QueueFilters['status'] })
            }
          >
            <option value="open">Open (oldest first)</option>
            <option value="resolved">Resolved (latest first)</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="queue-reason">Reason</label>
          <select
            id="queue-reason"
            value={filters.reason ?? ''}
            onChange={(event) =>
              setFilters({ ...filters, reason: (event.target.value || null) as Reason | null })
            }
          >
            <option value="">All reasons</option>
            {REASONS.map((reason) => (
              <option key={reason} value={reason}>
                {REASON_LABELS[reason]}
              </option>
            ))}
          </select>
        </div>
      </form>
      <p role="status" className="mod-notice">
        {notice}
      </p>
      {queue.isPending ? <p aria-busy="true">Loading reports…</p> : null}
      {queue.isError ? <p role="alert">{moderationErrorText(queue.error)}</p> : null}
      {queue.isSuccess && items.length === 0 ? (
        <p className="muted">
          {filters.status === 'open' ? 'Nothing to review. The queue is empty.' : 'No resolved reports.'}
        </p>
      ) : null}
      <div className="queue">
        {items.map((item) => (
          <QueueItemCard key={item.id} item={item} onResolved={setNotice} />
        ))}
      </div>
      {queue.hasNextPage ? (
        <button type="button" onClick={() => void queue.fetchNextPage()} disabled={queue.isFetchingNextPage}>
          {queue.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </button>
      ) : null}
    </AdminShell>
  );
}
