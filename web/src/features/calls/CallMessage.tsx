import type { MessageResponse } from '../../api/types';
import { useSignedIn } from '../../auth/auth-context';
import { type CallMessageInfo, callMessageText, isMissedFor } from '../../calls/call-text';
import { useCalls } from './use-calls';

/**
 * A call in the timeline ("Missed video call", "Voice call · 3 min"), centred like a system line, with
 * "Call back" (the same kind of call, in the same conversation).
 */
export function CallMessage({ message, info }: { message: MessageResponse; info: CallMessageInfo }) {
  const { user, session } = useSignedIn();
  const { calls, joining } = useCalls();
  const text = callMessageText(info, message.senderId, user.id);
  const missed = isMissedFor(info, message.senderId, user.id);
  const time = new Date(message.createdAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return (
    <li
      id={`msg-${message.id}`}
      className={`call-message${missed ? ' missed' : ''}`}
      data-seq={message.seq}
      tabIndex={-1}
    >
      <span aria-hidden="true">{info.type === 'video' ? '🎥' : '📞'}</span>
      <span className="call-message-text">{text}</span>
      <time dateTime={message.createdAt}>{time}</time>
      <button
        type="button"
        className="link-button"
        disabled={calls.current !== null || joining}
        onClick={() => void session.calls.start(message.conversationId, info.type)}
      >
        Call back
      </button>
    </li>
  );
}
