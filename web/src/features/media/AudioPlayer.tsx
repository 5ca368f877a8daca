import { useRef, useState } from 'react';
import type { AttachmentResponse } from '../../api/types';
import { formatDuration, spokenDuration } from './media-format';

/** One voice message plays at a time, as in messaging apps: starting one pauses the other. */
let playing: HTMLAudioElement | null = null;

/**
 * A voice message: a play/pause button, a seek slider and the time, over a hidden <audio>. The length
 * comes from the attachment's durationMs: a recorded WebM often reports an infinite duration until played.
 */
export function AudioPlayer({ file, url }: { file: AttachmentResponse; url: string }) {
  const audio = useRef<HTMLAudioElement>(null);
  const [paused, setPaused] = useState(true);
  const [positionMs, setPositionMs] = useState(0);
  const [mediaMs, setMediaMs] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);
  const durationMs = file.durationMs ?? mediaMs ?? 0;

  function toggle() {
    const element = audio.current;
    if (!element) {
      return;
    }
    if (element.paused) {
      if (playing && playing !== element) {
        playing.pause();
      }
      playing = element;
      element.play().catch(() => setFailed(true));
    } else {
      element.pause();
    }
  }

  const label = file.durationMs !== undefined ? `Voice message, ${spokenDuration(durationMs)}` : file.name;
  return (
    <div className="audio-player" role="group" aria-label={label}>
      <audio
        ref={audio}
        src={url}
        preload="metadata"
        onPlay={() => setPaused(false)}
        onPause={() => setPaused(true)}
        onEnded={() => {
          setPaused(true);
          setPositionMs(0);
        }}
        onTimeUpdate={(event) => setPositionMs(event.currentTarget.currentTime * 1000)}
        onLoadedMetadata={(event) => {
          const seconds = event.currentTarget.duration;
          setMediaMs(Number.isFinite(seconds) ? seconds * 1000 : null);
        }}
        onError={() => setFailed(true)}
      />
      <button
        type="button"
        className="play-button"
        aria-label={paused ? 'Play' : 'Pause'}
        disabled={failed}
        onClick={toggle}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          {paused ? <path d="M8 5v14l11-7z" /> : <path d="M7 5h4v14H7zM13 5h4v14h-4z" />}
        </svg>
      </button>
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
        onChange={(event) => {
          const element = audio.current;
          if (element) {
            element.currentTime = Number(event.target.value) / 1000;
            setPositionMs(Number(event.target.value));
          }
        }}
      />
      <span className="audio-time">
        {failed
          ? 'Cannot play'
          : paused && positionMs === 0
            ? formatDuration(durationMs)
            : formatDuration(positionMs)}
      </span>
    </div>
  );
}
