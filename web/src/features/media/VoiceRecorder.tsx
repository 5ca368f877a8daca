import { useEffect, useRef, useState } from 'react';
import { formatDuration } from './media-format';
import { microphoneErrorText, MIN_VOICE_MS, pickRecordingType, voiceFileName } from './recording';

interface Recording {
  recorder: MediaRecorder;
  stream: MediaStream;
  chunks: Blob[];
  startedAt: number;
}

/**
 * The microphone button: records a voice note with MediaRecorder while showing the elapsed time; Cancel
 * throws it away, Send stops and hands the file and its measured duration over.
 */
export function VoiceRecorder({
  onRecorded,
  disabled,
}: {
  onRecorded: (file: File, durationMs: number) => void;
  disabled?: boolean;
}) {
  const recording = useRef<Recording | null>(null);
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [now, setNow] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const sendButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (startedAt === null) {
      return;
    }
    sendButton.current?.focus();
    const timer = setInterval(() => setNow(performance.now()), 250);
    return () => clearInterval(timer);
  }, [startedAt]);

  // Unmounting (leaving the conversation) stops the microphone and drops the recording.
  useEffect(
    () => () => {
      const current = recording.current;
      recording.current = null;
      if (current) {
        current.recorder.onstop = null;
        if (current.recorder.state !== 'inactive') {
          current.recorder.stop();
        }
        current.stream.getTracks().forEach((track) => track.stop());
      }
    },
    [],
  );

  async function start() {
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
    } catch (failure) {
      setError(microphoneErrorText(failure));
    }
  }

  function finish(send: boolean) {
    const current = recording.current;
    recording.current = null;
    setStartedAt(null);
    if (!current) {
      return;
    }
    const durationMs = performance.now() - current.startedAt;
    current.recorder.onstop = () => {
      current.stream.getTracks().forEach((track) => track.stop());
      if (!send) {
        return;
      }
      if (durationMs < MIN_VOICE_MS) {
        setError('Too short: keep recording a little longer.');
        return;
      }
      const type = current.recorder.mimeType || current.chunks[0]?.type || 'audio/webm';
      const file = new File(current.chunks, voiceFileName(type, new Date()), { type });
      onRecorded(file, Math.round(durationMs));
    };
    if (current.recorder.state !== 'inactive') {
      current.recorder.stop();
    } else {
      current.recorder.onstop(new Event('stop'));
    }
  }

  if (startedAt === null) {
    return (
      <>
        <button
          type="button"
          className="media-tool"
          aria-label="Record a voice message"
          title="Record a voice message"
          disabled={disabled}
          onClick={() => void start()}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <rect x="9" y="3" width="6" height="11" rx="3" />
            <path d="M5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21" />
          </svg>
        </button>
        {error && (
          <p className="voice-error" role="alert">
            {error}
          </p>
        )}
      </>
    );
  }
  return (
    <div className="voice-recording" role="group" aria-label="Recording a voice message">
      <span className="rec-dot" aria-hidden="true" />
      <span className="rec-time" aria-label="Elapsed">
        {formatDuration(now - startedAt)}
      </span>
      <button type="button" onClick={() => finish(false)}>
        Cancel
      </button>
      <button type="button" className="primary" ref={sendButton} onClick={() => finish(true)}>
        Send voice message
      </button>
    </div>
  );
}
