import { type PointerEvent, useEffect, useRef, useState } from 'react';
import { formatDuration } from './media-format';
import { microphoneErrorText, MIN_VOICE_MS, pickRecordingType, voiceFileName } from './recording';
import { CANCEL_SLIDE_PX, releaseOutcome } from './recorder-gesture';

interface Recording {
  recorder: MediaRecorder;
  stream: MediaStream;
  chunks: Blob[];
  startedAt: number;
}

/** Held: recording while the button is pressed. Locked: recording on, ended with Cancel or Send. */
type Mode = 'idle' | 'held' | 'locked';

interface Press {
  at: number;
  x: number;
  /** Released before the microphone was open: the recording starts locked, as after a tap. */
  released: boolean;
}

/**
 * The microphone button, as in messaging apps: hold it to record and release to send (slide left to
 * cancel), or tap it (or press Enter or Space) to record hands-free with Cancel and Send. MediaRecorder
 * records Opus in WebM where it can; the elapsed time shows meanwhile. Escape cancels.
 */
export function VoiceRecorder({
  onRecorded,
  disabled,
}: {
  onRecorded: (file: File) => void;
  disabled?: boolean;
}) {
  const recording = useRef<Recording | null>(null);
  const press = useRef<Press | null>(null);
  const [mode, setMode] = useState<Mode>('idle');
  const [startedAt, setStartedAt] = useState(0);
  const [now, setNow] = useState(0);
  const [slid, setSlid] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const sendButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (mode === 'idle') {
      return;
    }
    if (mode === 'locked') {
      sendButton.current?.focus();
    }
    const timer = setInterval(() => setNow(performance.now()), 250);
    return () => clearInterval(timer);
  }, [mode]);

  // Unmounting (leaving the conversation) stops the microphone and drops the recording.
  useEffect(() => () => discard(recording.current), []);

  async function start(initial: 'held' | 'locked') {
    setError(null);
    if (typeof MediaRecorder === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
      setError(microphoneErrorText(undefined));
      return;
    }
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      const mimeType = pickRecordingType((type) => MediaRecorder.isTypeSupported(type));
      const recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
      const chunks: Blob[] = [];
      recorder.ondataavailable = (event) => event.data.size > 0 && chunks.push(event.data);
      const begin = performance.now();
      recording.current = { recorder, stream, chunks, startedAt: begin };
      recorder.start(250);
      setNow(begin);
      setStartedAt(begin);
      setMode(initial === 'held' && press.current?.released ? 'locked' : initial);
    } catch (failure) {
      press.current = null;
      setError(microphoneErrorText(failure));
    }
  }

  function finish(send: boolean) {
    const current = recording.current;
    recording.current = null;
    press.current = null;
    setMode('idle');
    setSlid(0);
    if (!current) {
      return;
    }
    const durationMs = performance.now() - current.startedAt;
    if (!send) {
      discard(current);
      return;
    }
    const hand = () => {
      current.stream.getTracks().forEach((track) => track.stop());
      if (durationMs < MIN_VOICE_MS) {
        setError('Too short: hold to record, or tap to record hands-free.');
        return;
      }
      const type = current.recorder.mimeType || current.chunks[0]?.type || 'audio/webm';
      onRecorded(new File(current.chunks, voiceFileName(type, new Date()), { type }));
    };
    // The last chunk arrives before `stop`; a recorder already stopped (the device went away) has them all.
    if (current.recorder.state === 'inactive') {
      hand();
    } else {
      current.recorder.onstop = hand;
      current.recorder.stop();
    }
  }

  function onPointerDown(event: PointerEvent<HTMLButtonElement>) {
    if (event.button !== 0 || mode !== 'idle') {
      return;
    }
    event.currentTarget.setPointerCapture(event.pointerId);
    press.current = { at: performance.now(), x: event.clientX, released: false };
    void start('held');
  }

  function onPointerUp(event: PointerEvent<HTMLButtonElement>) {
    const held = press.current;
    if (!held) {
      return;
    }
    if (!recording.current) {
      held.released = true; // the microphone is still opening: it will start locked
      return;
    }
    const outcome = releaseOutcome(performance.now() - held.at, held.x - event.clientX);
    press.current = null;
    if (outcome === 'lock') {
      setMode('locked');
    } else {
      finish(outcome === 'send');
    }
  }

  const recordingNow = mode !== 'idle';
  return (
    <>
      {recordingNow && (
        <div
          className="voice-recording"
          role="group"
          aria-label="Recording a voice message"
          onKeyDown={(event) => event.key === 'Escape' && finish(false)}
        >
          <span className="rec-dot" aria-hidden="true" />
          <span className="rec-time" aria-label="Elapsed">
            {formatDuration(now - startedAt)}
          </span>
          {mode === 'held' ? (
            <span className="rec-hint" aria-live="polite">
              {slid >= CANCEL_SLIDE_PX ? 'Release to cancel' : '‹ Slide to cancel · release to send'}
            </span>
          ) : (
            <>
              <button type="button" onClick={() => finish(false)}>
                Cancel
              </button>
              <button type="button" className="primary" ref={sendButton} onClick={() => finish(true)}>
                Send voice message
              </button>
            </>
          )}
        </div>
      )}
      {mode !== 'locked' && (
        <button
          type="button"
          className={`media-tool record-button${mode === 'held' ? ' holding' : ''}`}
          aria-label="Record a voice message"
          title="Hold to record, or tap to record hands-free"
          aria-pressed={mode === 'held'}
          disabled={disabled}
          onPointerDown={onPointerDown}
          onPointerMove={(event) => press.current && setSlid(press.current.x - event.clientX)}
          onPointerUp={onPointerUp}
          onPointerCancel={() => finish(false)}
          onContextMenu={(event) => event.preventDefault()}
          onClick={(event) => {
            // Enter or Space (no pointer): record hands-free.
            if (event.detail === 0 && mode === 'idle') {
              void start('locked');
            }
          }}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <rect x="9" y="3" width="6" height="11" rx="3" />
            <path d="M5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21" />
          </svg>
        </button>
      )}
      {error && !recordingNow && (
        <p className="voice-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

/** Stops a recording without keeping it, and frees the microphone. */
function discard(current: Recording | null): void {
  if (!current) {
    return;
  }
  current.recorder.onstop = null;
  if (current.recorder.state !== 'inactive') {
    current.recorder.stop();
  }
  current.stream.getTracks().forEach((track) => track.stop());
}
