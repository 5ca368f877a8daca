import { useEffect } from 'react';
import { useSignedIn } from '../../auth/auth-context';
import { endedText } from '../../calls/call-text';
import { directPeer } from '../../chat/conversation-list';
import { useConversations } from '../../chat/hooks';
import './calls.css';
import { IncomingCallCard } from './IncomingCallCard';
import { InCallView } from './InCallView';
import { useCalls } from './use-calls';

const ENDED_NOTICE_MS = 4000;

/**
 * Everything about calls that shows over whatever page is open: the ringing card, the call itself, and a
 * short notice when a call ends or an action is refused.
 */
export function CallLayer() {
  const snapshot = useCalls();
  const { current, incoming } = snapshot.calls;
  // Ringing for another call while in one: the card still shows (answering ends nothing by itself).
  const ringing = incoming.find((call) => call.callId !== current?.call.callId);
  return (
    <>
      {current ? <InCallView snapshot={snapshot} current={current} /> : null}
      {ringing ? (
        <IncomingCallCard
          key={ringing.callId}
          call={ringing}
          others={incoming.length - 1}
          inCall={current !== null}
        />
      ) : null}
      <div className="call-notices" role="status" aria-live="polite">
        <EndedNotice />
        {snapshot.notice ? <p className="call-notice">{snapshot.notice}</p> : null}
      </div>
    </>
  );
}

function EndedNotice() {
  const { user, session } = useSignedIn();
  const { ended } = useCalls().calls;
  const conversations = useConversations();
  useEffect(() => {
    if (!ended) {
      return;
    }
    const timer = setTimeout(() => session.calls.dismissEnded(), ENDED_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [ended, session]);
  if (!ended) {
    return null;
  }
  const conversation = conversations.data?.find((item) => item.id === ended.conversationId);
  const peerId = conversation ? directPeer(conversation, user.id) : null;
  const peerName = conversation?.members.find((member) => member.userId === peerId)?.displayName ?? null;
  return (
    <p className="call-notice call-ended">
      {endedText(ended.reason, {
        endedByMe: ended.endedBy === user.id,
        peerName,
        durationSeconds: ended.durationSeconds,
      })}
    </p>
  );
}
