import { useEffect, useId } from 'react';
import { useNavigate } from 'react-router';
import type { IncomingCallPayload } from '../../api/types';
import { useSignedIn } from '../../auth/auth-context';
import { Avatar } from '../chat/Avatar';
import { startRinging } from './ringtone';
import { useMembersOf } from './use-calls';

/**
 * A call ringing for this user, wherever they are in the app: who calls, how, Accept and Decline. It rings
 * until answered (here or on another device), declined, or the server stops it (`ringUntil`).
 */
export function IncomingCallCard({
  call,
  others,
  inCall,
}: {
  call: IncomingCallPayload;
  /** How many other calls ring at the same time. */
  others: number;
  /** This device is in another call, which accepting ends. */
  inCall: boolean;
}) {
  const { session } = useSignedIn();
  const navigate = useNavigate();
  const members = useMembersOf(call.conversationId);
  const titleId = useId();
  const kind = call.type === 'video' ? 'video' : 'voice';
  const group = members.size > 2;

  useEffect(() => startRinging(), []);
  useEffect(() => {
    const title = document.title;
    document.title = `📞 ${call.callerName} is calling`;
    return () => {
      document.title = title;
    };
  }, [call.callerName]);

  const accept = () => {
    // In another call: that one ends first (one call at a time, as on a phone).
    session.calls.hangUp();
    void navigate(`/c/${encodeURIComponent(call.conversationId)}`);
    void session.calls.accept(call.callId, call.type);
  };

  return (
    <aside
      className="incoming-call"
      role="alertdialog"
      aria-label={`Incoming ${kind} call from ${call.callerName}`}
      aria-describedby={titleId}
    >
      <Avatar id={call.callerId} name={call.callerName} url={members.get(call.callerId)?.avatarUrl ?? null} />
      <div className="incoming-call-text">
        <h2>{call.callerName}</h2>
        <p className="muted" id={titleId}>
          Incoming {kind} call{group ? ` · ${members.size} members` : ''}
          {others > 0 ? ` · ${others} more ringing` : ''}
        </p>
      </div>
      <div className="incoming-call-actions">
        <button
          type="button"
          className="call-decline"
          onClick={() => void session.calls.decline(call.callId)}
        >
          Decline
        </button>
        <button type="button" className="call-accept" onClick={accept}>
          {inCall ? 'End call and accept' : 'Accept'}
        </button>
      </div>
    </aside>
  );
}
