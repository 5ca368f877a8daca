import { useQuery } from '@tanstack/react-query';
import type { CallView, ConversationResponse } from '../../api/types';
import { useSignedIn } from '../../auth/auth-context';
import { queryKeys } from '../../app/query-keys';
import { useCalls } from './use-calls';

/** How often an open group looks again for its live call (joins and leaves of others send no event). */
const REFRESH_MS = 20_000;

/**
 * "Video call in progress · Join" above a group's messages while it has a live call this device is not
 * in: members who missed the ring (or left) join from here.
 */
export function JoinCallBanner({ conversation }: { conversation: ConversationResponse }) {
  const { http, session } = useSignedIn();
  const { calls, joining } = useCalls();
  const active = useQuery({
    queryKey: queryKeys.activeCall(conversation.id),
    queryFn: () => http.get<{ call: CallView | null }>(`/conversations/${conversation.id}/calls/active`),
    refetchInterval: REFRESH_MS,
    retry: false,
  });
  const call = active.data?.call ?? null;
  const ringingHere = calls.incoming.some((item) => item.callId === call?.callId);
  if (
    !call ||
    call.status === 'ended' ||
    call.kind !== 'group' ||
    calls.current?.call.callId === call.callId ||
    ringingHere
  ) {
    return null;
  }
  const count = new Set(call.participants.map((participant) => participant.userId)).size;
  return (
    <div className="join-call-banner" role="region" aria-label="Call in progress">
      <span>
        {call.type === 'video' ? 'Video' : 'Voice'} call in progress · {count}{' '}
        {count === 1 ? 'person' : 'people'}
      </span>
      <button
        type="button"
        className="primary"
        disabled={calls.current !== null || joining}
        onClick={() => void session.calls.accept(call.callId, call.type)}
      >
        Join call
      </button>
    </div>
  );
}
