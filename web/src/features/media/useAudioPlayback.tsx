import { type SyntheticEvent, useRef, useState } from 'react';
import { useStableSrc } from './useStableSrc';

/** One recording plays at a time, as in messaging apps: starting one pauses the other. */
let playing: HTMLAudioElement | null = null;

/**
 * The state of an <audio> a player draws its own controls for: play/pause, position, seek, speed. The
 * length is the attachment's `durationMs` when known: a recorded WebM often reports an infinite duration
 * until played through. A newly signed URL replaces the old one only while nothing is playing.
 */
export function useAudioPlayback(url: string | null, knownMs: number | undefined, onError?: () => void) {
  const audio = useRef<HTMLAudioElement>(null);
  const [paused, setPaused] = useState(true);
  const [positionMs, setPositionMs] = useState(0);
  const [mediaMs, setMediaMs] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);
  const [rate, setRate] = useState(1);
  const durationMs = knownMs ?? mediaMs ?? 0;
  const src = useStableSrc(url, !failed && (!paused || positionMs > 0));

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
      element.playbackRate = rate;
      element.play().catch(() => setFailed(true));
    } else {
      element.pause();
    }
  }

  function seek(ms: number) {
    const element = audio.current;
    if (element) {
      element.currentTime = ms / 1000;
      setPositionMs(ms);
    }
  }

  /** 1×, 1.5×, 2×, then 1× again. */
  function nextRate() {
    const next = rate === 1 ? 1.5 : rate === 1.5 ? 2 : 1;
    setRate(next);
    if (audio.current) {
      audio.current.playbackRate = next;
    }
  }

  const audioProps = {
    ref: audio,
    src,
    preload: 'metadata',
    onPlay: () => {
      setPaused(false);
      setFailed(false);
    },
    onPause: () => setPaused(true),
    onEnded: () => {
      setPaused(true);
      setPositionMs(0);
    },
    onTimeUpdate: (event: SyntheticEvent<HTMLAudioElement>) =>
      setPositionMs(event.currentTarget.currentTime * 1000),
    onLoadedMetadata: (event: SyntheticEvent<HTMLAudioElement>) => {
      const seconds = event.currentTarget.duration;
      setMediaMs(Number.isFinite(seconds) ? seconds * 1000 : null);
      setFailed(false);
    },
    // An expired URL fails too: the owner fetches fresh ones, and the new src loads again.
    onError: () => {
      setFailed(true);
      onError?.();
    },
  };

  return { audioProps, paused, positionMs, durationMs, failed, rate, toggle, seek, nextRate };
}

/** The play/pause button both players share. */
export function PlayButton({ player }: { player: ReturnType<typeof useAudioPlayback> }) {
  return (
    <button
      type="button"
      className="play-button"
      aria-label={player.paused ? 'Play' : 'Pause'}
      disabled={player.failed}
      onClick={player.toggle}
    >
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        {player.paused ? <path d="M8 5v14l11-7z" /> : <path d="M7 5h4v14H7zM13 5h4v14h-4z" />}
      </svg>
    </button>
  );
}
