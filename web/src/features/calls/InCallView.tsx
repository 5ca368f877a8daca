import { useEffect, useState } from 'react';
import { useSignedIn } from '../../auth/auth-context';
import type { CallSnapshot } from '../../calls/call-engine';
import { type CurrentCall, othersIn } from '../../calls/call-state';
import { clockDuration } from '../../calls/call-text';
import { conversationTitle } from '../../chat/conversation-list';
import { useConnectionState, useConversations } from '../../chat/hooks';
import { Avatar } from '../chat/Avatar';
import { CallControls } from './CallControls';
import { MediaView } from './MediaView';
import { ParticipantTile } from './ParticipantTile';
import { useMembersOf } from './use-calls';

/** The time now, every second, while a call screen is mounted (its timer). */
function useSeconds(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * The call this device is in: a tile per remote device (video, or the avatar), this device's preview,
 * the state ("Calling…", the timer, "Reconnecting…") and the controls. It floats over the app, and can
 * be made small to go on chatting.
 */
export function InCallView({ snapshot, current }: { snapshot: CallSnapshot; current: CurrentCall }) {
  const { user } = useSignedIn();
  const { call, media } = current;
  const members = useMembersOf(call.conversationId);
  const conversation = useConversations().data?.find((item) => item.id === call.conversationId);
  const title = conversation ? conversationTitle(conversation, user.id) : 'Call';
  const others = othersIn(current);
  const connection = useConnectionState();
  const now = useSeconds();
  const [small, setSmall] = useState(false);

  let status: string;
  if (connection !== 'online') {
    status = 'Reconnecting…';
  } else if (others.length === 0) {
    status =
      call.status === 'ringing' ? (call.kind === 'direct' ? 'Calling…' : 'Ringing…') : 'Waiting for others…';
  } else {
    status = clockDuration((now - Date.parse(call.answeredAt ?? current.call.createdAt)) / 1000);
  }
  const kind = call.type === 'video' ? 'Video' : 'Voice';

  return (
    <section className={`call-view${small ? ' small' : ''}`} aria-label={`${kind} call with ${title}`}>
      <header className="call-header">
        <div>
          <h2>{title}</h2>
          <p className="call-status" role="timer" aria-live="off">
            {status}
          </p>
        </div>
        <button type="button" className="call-resize" onClick={() => setSmall(!small)}>
          {small ? 'Expand' : 'Minimise'}
        </button>
      </header>
      <div className="call-tiles" data-count={Math.max(1, others.length)}>
        {others.length === 0 ? (
          <div className="call-waiting call-tile-avatar">
            {[...members.values()]
              .filter((member) => member.userId !== user.id)
              .slice(0, 4)
              .map((member) => (
                <Avatar
                  key={member.userId}
                  id={member.userId}
                  name={member.displayName}
                  url={member.avatarUrl}
                />
              ))}
          </div>
        ) : (
          others.map((participant) => (
            <ParticipantTile
              key={participant.deviceId}
              participant={participant}
              member={members.get(participant.userId)}
              peer={snapshot.peers.get(participant.deviceId)}
            />
          ))
        )}
      </div>
      <MediaView
        stream={snapshot.localStream}
        muted
        hidden={!media.video && !media.screen}
        label="Your video"
        className={`call-self${media.screen ? ' screen' : ''}`}
      />
      <CallControls current={current} />
    </section>
  );
}
