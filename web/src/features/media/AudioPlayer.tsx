import type { AttachmentResponse } from '../../api/types';
import { formatDuration } from './media-format';
import { PlayButton, useAudioPlayback } from './useAudioPlayback';

/** An audio file (music, a recording sent as a file): play/pause, a seek slider and the time. */
export function AudioPlayer({ file, onStale }: { file: AttachmentResponse; onStale?: () => void }) {
  const player = useAudioPlayback(file.url, file.durationMs, onStale);
  const { durationMs, positionMs, paused, failed } = player;
  return (
    <div className="audio-player" role="group" aria-label={file.name}>
      <audio {...player.audioProps} />
      <PlayButton player={player} />
      <span className="audio-name">{file.name}</span>
      <input
        type="range"
        className="audio-seek"
        aria-label="Position"
        aria-valuetext={`${formatDuration(positionMs)} of ${formatDuration(durationMs)}`}
        min={0}
        max={Math.max(durationMs, 1)}
        step={100}
        value={Math.min(positionMs, durationMs)}
        disabled={failed || durationMs === 0}
        onChange={(event) => player.seek(Number(event.target.value))}
      />
      <span className="audio-time">
        {failed ? 'Cannot play' : formatDuration(paused && positionMs === 0 ? durationMs : positionMs)}
      </span>
    </div>
  );
}
