import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { CallPage, CallRecordView } from '../../api/types';
import { useSignedIn } from '../../auth/auth-context';
import { queryKeys } from '../../app/query-keys';
import { callMessageText } from '../../calls/call-text';
import { conversationTitle } from '../../chat/conversation-list';
import { useConversations } from '../../chat/hooks';
import { relativeTime } from '../../notifications/relative-time';
import { useNow } from '../../notifications/use-now';
import { useCalls } from './use-calls';

/** The line a call gets in the list: the timeline's wording, from this user's side. */
function recordText(record: CallRecordView, myUserId: string): string {
  return callMessageText(
    {
      callId: record.callId,
      type: record.type,
      status: record.status,
      endReason: record.endReason,
      durationSeconds: record.durationSeconds,
      participantIds: record.participants.map((participant) => participant.userId),
      missedUserIds: record.missedUserIds,
    },
    record.initiatorId,
    myUserId,
  );
}

/** Calls (`/calls`): this user's calls newest first (`GET /calls`), missed ones marked, each callable again. */
export function CallsPage() {
  const { user, http, session } = useSignedIn();
  const { calls, joining } = useCalls();
  const conversations = useConversations();
  const now = useNow();
  const list = useInfiniteQuery({
    queryKey: queryKeys.callHistory,
    queryFn: ({ pageParam }) => http.get<CallPage>('/calls', { cursor: pageParam, limit: 30 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const records = list.data?.pages.flatMap((page) => page.items) ?? [];
  const titleOf = (conversationId: string) => {
    const conversation = conversations.data?.find((item) => item.id === conversationId);
    return conversation ? conversationTitle(conversation, user.id) : 'A conversation you left';
  };
  return (
    <section className="calls-page" aria-labelledby="calls-title">
      <header className="notification-center-header">
        <Link to="/" className="back-link icon-button" aria-label="Back to conversations">
          <span aria-hidden="true">←</span>
        </Link>
        <h2 id="calls-title">Calls</h2>
      </header>
      {list.isError ? <p className="form-error pad">Could not load your calls.</p> : null}
      {list.isSuccess && records.length === 0 ? <p className="pad muted">No calls yet.</p> : null}
      <ul className="calls-list" aria-label="Calls">
        {records.map((record) => (
          <li key={record.callId} className={record.missed ? 'missed' : ''}>
            <span aria-hidden="true">{record.direction === 'outgoing' ? '↗' : '↙'}</span>
            <Link to={`/c/${encodeURIComponent(record.conversationId)}`} className="calls-list-main">
              <strong>{titleOf(record.conversationId)}</strong>
              <span className="call-record-text">{recordText(record, user.id)}</span>
            </Link>
            <time dateTime={record.startedAt}>{relativeTime(record.startedAt, now)}</time>
            <button
              type="button"
              className="icon-button"
              aria-label={`${record.type === 'video' ? 'Video call' : 'Voice call'} ${titleOf(record.conversationId)}`}
              disabled={calls.current !== null || joining}
              onClick={() => void session.calls.start(record.conversationId, record.type)}
            >
              <span aria-hidden="true">{record.type === 'video' ? '🎥' : '📞'}</span>
            </button>
          </li>
        ))}
      </ul>
      {list.hasNextPage ? (
        <p className="pad">
          <button type="button" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            Load more
          </button>
        </p>
      ) : null}
    </section>
  );
}
