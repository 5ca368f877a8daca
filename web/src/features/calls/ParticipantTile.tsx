import type { CallParticipantView, MemberSummary } from '../../api/types';
import type { PeerView } from '../../calls/call-engine';
import { Avatar } from '../chat/Avatar';
import { MediaView } from './MediaView';

const STATE_TEXT = {
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  failed: 'Could not connect',
  connected: '',
} as const;

/** One remote device of the call: its video (or its avatar when it sends none), name and state. */
export function ParticipantTile({
  participant,
  member,
  peer,
}: {
  participant: CallParticipantView;
  member: MemberSummary | undefined;
  peer: PeerView | undefined;
}) {
  const name = member?.displayName ?? 'Someone';
  const showsVideo = (participant.video || participant.screen) && peer?.state === 'connected';
  const state = !participant.connected ? 'reconnecting' : (peer?.state ?? 'connecting');
  return (
    <figure className={`call-tile${showsVideo ? ' has-video' : ''}`} data-state={state}>
      <MediaView
        stream={peer?.stream ?? null}
        hidden={!showsVideo}
        label={participant.screen ? `${name}'s screen` : `${name}'s video`}
        className="call-video"
      />
      {showsVideo ? null : (
        <div className="call-tile-avatar">
          <Avatar id={participant.userId} name={name} url={member?.avatarUrl ?? null} />
        </div>
      )}
      <figcaption>
        <span className="call-tile-name">{name}</span>
        {participant.audio ? null : (
          <span className="call-tile-muted" role="img" aria-label="muted">
            🔇
          </span>
        )}
        {STATE_TEXT[state] ? <span className="call-tile-state">{STATE_TEXT[state]}</span> : null}
      </figcaption>
    </figure>
  );
}
