import { type PointerEvent, useMemo } from 'react';
import type { AttachmentResponse } from '../../api/types';
import { formatDuration, spokenDuration } from './media-format';
import { PlayButton, useAudioPlayback } from './useAudioPlayback';
import { decodeWaveform, playedBars, seekByKey, waveformBars } from './waveform';

/** Fewer, wider bars than the server's 64 levels read better at a bubble's size. */
const BARS = 40;
const BAR_STEP = 4;
const HEIGHT = 28;

/**
 * A voice message as messaging apps show it: play/pause, the server's waveform (the played part in the
 * accent colour; a click or the arrow keys seek), the time, and the playback speed.
 */
export function VoiceNote({ file, onStale }: { file: AttachmentResponse; onStale?: () => void }) {
  const player = useAudioPlayback(file.url, file.durationMs, onStale);
  const { durationMs, positionMs, paused, failed } = player;
  const bars = useMemo(() => waveformBars(decodeWaveform(file.waveform), BARS), [file.waveform]);
  const played = playedBars(BARS, positionMs, durationMs);
  const started = !paused || positionMs > 0;

  function seekTo(event: PointerEvent<SVGSVGElement>) {
    const box = event.currentTarget.getBoundingClientRect();
    if (durationMs > 0 && box.width > 0) {
      const fraction = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
      player.seek(fraction * durationMs);
    }
  }

  return (
    <div className="voice-note" role="group" aria-label={`Voice message, ${spokenDuration(durationMs)}`}>
      <audio {...player.audioProps} />
      <PlayButton player={player} />
      <svg
        className="waveform"
        viewBox={`0 0 ${BARS * BAR_STEP} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="slider"
        tabIndex={failed ? -1 : 0}
        aria-label="Position"
        aria-valuemin={0}
        aria-valuemax={Math.round(durationMs / 1000)}
        aria-valuenow={Math.round(positionMs / 1000)}
        aria-valuetext={`${formatDuration(positionMs)} of ${formatDuration(durationMs)}`}
        onPointerDown={seekTo}
        onKeyDown={(event) => {
          const target = seekByKey(event.key, positionMs, durationMs);
          if (target !== null) {
            event.preventDefault();
            player.seek(target);
          }
        }}
      >
        {bars.map((level, index) => {
          const height = Math.max(2, level * HEIGHT);
          return (
            <rect
              key={index}
              className={index < played ? 'played' : undefined}
              x={index * BAR_STEP}
              y={(HEIGHT - height) / 2}
              width={BAR_STEP - 1.5}
              height={height}
              rx={1}
            />
          );
        })}
      </svg>
      <span className="audio-time">
        {failed ? 'Cannot play' : formatDuration(started ? positionMs : durationMs)}
      </span>
      <button
        type="button"
        className="rate-button"
        aria-label={`Speed ${player.rate}×`}
        onClick={player.nextRate}
      >
        {player.rate}×
      </button>
    </div>
  );
}
