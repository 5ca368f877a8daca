import { useMyReports } from './moderation-api';
import { moderationErrorText } from './moderation-errors';
import { OUTCOME_LABELS, REASON_LABELS, type Action, type Reason } from './moderation-rules';
import { AdminShell } from './AdminShell';

const TARGET_WORDS = { message: 'A message', user: 'A user', conversation: 'A conversation' } as const;

/** The signed-in user's own reports and what became of them (never who decided or why). */
export function MyReportsPage() {
  const reports = useMyReports();
  const items = reports.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <AdminShell title="My reports">
      {reports.isPending ? <p aria-busy="true">Loading…</p> : null}
      {reports.isError ? <p role="alert">{moderationErrorText(reports.error)}</p> : null}
      {reports.isSuccess && items.length === 0 ? (
        <p className="muted">You have not reported anything.</p>
      ) : null}
      <ul className="card-list" aria-label="My reports">
        {items.map((report) => (
          <li key={report.id} className="card">
            <div className="card-row">
              <strong>{TARGET_WORDS[report.targetType as keyof typeof TARGET_WORDS]}</strong>
              <span className={`pill ${report.status}`}>
                {(report.status as string) === 'open' ? 'Open' : 'Resolved'}
              </span>
            </div>
            <p>
              {REASON_LABELS[report.reason as Reason]}
              {report.note ? <span className="muted"> — “{report.note}”</span> : null}
            </p>
            <p className="muted small">
              Reported <time dateTime={report.createdAt}>{new Date(report.createdAt).toLocaleString()}</time>
              {report.outcome ? (
                <>
                  {' · '}
                  {OUTCOME_LABELS[report.outcome.action as Action]},{' '}
                  <time dateTime={report.outcome.resolvedAt}>
                    {new Date(report.outcome.resolvedAt).toLocaleString()}
                  </time>
                </>
              ) : null}
            </p>
          </li>
        ))}
      </ul>
      {reports.hasNextPage ? (
        <button
          type="button"
          onClick={() => void reports.fetchNextPage()}
          disabled={reports.isFetchingNextPage}
        >
          Show more
        </button>
      ) : null}
    </AdminShell>
  );
}
