/** Container and codec choices, best first: Opus in WebM (Chromium, Firefox), Ogg, then MP4/AAC (Safari). */
export const RECORDING_TYPES = ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/mp4'];

/** The first type the browser records; '' lets the browser pick its default. */
export function pickRecordingType(isSupported: (type: string) => boolean): string {
  return RECORDING_TYPES.find((type) => isSupported(type)) ?? '';
}

/** A file name for a voice note, with the extension its container implies. */
export function voiceFileName(mimeType: string, at: Date): string {
  const base = mimeType.split(';')[0].trim();
  const extension = base === 'audio/ogg' ? 'ogg' : base === 'audio/mp4' ? 'm4a' : 'webm';
  const stamp = at.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return `voice-${stamp}.${extension}`;
}

/** Shorter than this is a slip of the finger, not a message. */
export const MIN_VOICE_MS = 500;

/** What a getUserMedia failure means for the user. */
export function microphoneErrorText(error: unknown): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Microphone access was denied. Allow it in the browser’s site settings to record.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No microphone was found.';
    case 'NotReadableError':
      return 'The microphone is in use by another application.';
    default:
      return 'Recording is not available in this browser.';
  }
}
