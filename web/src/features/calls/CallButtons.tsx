import type { ConversationResponse } from '../../api/types';
import { useSignedIn } from '../../auth/auth-context';
import type { CallType } from '../../api/types';
import { useCalls } from './use-calls';

/** "Start voice call" and "Start video call" in a conversation's header. */
export function CallButtons({
  conversation,
  blocked,
}: {
  conversation: ConversationResponse;
  /** A direct chat whose other person I blocked: no calls either. */
  blocked: boolean;
}) {
  const { session } = useSignedIn();
  const { calls, joining } = useCalls();
  const busy = calls.current !== null || joining;
  const alone = conversation.memberCount < 2;
  const title = blocked
    ? 'Unblock to call'
    : busy
      ? 'You are in a call'
      : alone
        ? 'Nobody else is in this conversation'
        : undefined;
  const start = (type: CallType) => void session.calls.start(conversation.id, type);
  return (
    <span className="call-buttons">
      {(['audio', 'video'] as const).map((type) => (
        <button
          key={type}
          type="button"
          className="icon-button"
          aria-label={type === 'audio' ? 'Start voice call' : 'Start video call'}
          title={title ?? (type === 'audio' ? 'Voice call' : 'Video call')}
          disabled={blocked || busy || alone}
          onClick={() => start(type)}
        >
          <span aria-hidden="true">{type === 'audio' ? '📞' : '🎥'}</span>
        </button>
      ))}
    </span>
  );
}
