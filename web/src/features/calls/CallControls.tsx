import { useSignedIn } from '../../auth/auth-context';
import type { CurrentCall } from '../../calls/call-state';

const canShareScreen = () =>
  typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getDisplayMedia === 'function';

/** Mute, camera, screen share and hang up; each button says what it will do. */
export function CallControls({ current }: { current: CurrentCall }) {
  const { session } = useSignedIn();
  const { media, call } = current;
  const group = call.kind === 'group';
  return (
    <div className="call-controls" role="toolbar" aria-label="Call controls">
      <button type="button" className={media.audio ? '' : 'off'} onClick={() => session.calls.toggleMute()}>
        {media.audio ? 'Mute' : 'Unmute'}
      </button>
      <button
        type="button"
        className={media.video ? '' : 'off'}
        onClick={() => void session.calls.toggleCamera()}
      >
        {media.video ? 'Turn camera off' : 'Turn camera on'}
      </button>
      {canShareScreen() ? (
        <button
          type="button"
          className={media.screen ? 'on' : ''}
          onClick={() => void session.calls.toggleScreen()}
        >
          {media.screen ? 'Stop sharing' : 'Share screen'}
        </button>
      ) : null}
      <button type="button" className="call-hang-up" onClick={() => session.calls.hangUp()}>
        {group ? 'Leave call' : 'Hang up'}
      </button>
    </div>
  );
}
