import { spawn } from 'node:child_process';
import { Writable } from 'node:stream';
import { WaveformBuilder } from './waveform';

/** What a voice note's audio shows once decoded. */
export interface VoiceFacts {
  durationMs: number;
  /** 64 peak levels, base64. */
  waveform: string;
}

export interface VoiceAnalysis {
  /** Where the note's bytes go as they arrive (ffmpeg's stdin). */
  readonly input: Writable;
  /**
   * Settles once `input` has ended and ffmpeg has decoded it all: undefined if it is not decodable audio,
   * rejected if ffmpeg could not be started at all (not installed).
   */
  readonly result: Promise<VoiceFacts | undefined>;
  /** Stops ffmpeg (the upload failed). */
  abort(): void;
}

/** Decoded at 8 kHz mono: plenty for a waveform and a duration, and cheap. */
const SAMPLE_RATE = 8000;
const ARGS = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', 'pipe:0', '-vn', '-ac', '1', '-ar'];

/**
 * Runs Debian's ffmpeg on a voice note while it uploads: the bytes are written to its stdin, it writes
 * 16-bit PCM to stdout, and the waveform is built from that as it comes, so memory does not grow with the
 * note. Formats a browser records (Opus in WebM or Ogg, AAC in MP4) and MP3/WAV all decode.
 */
export function analyseVoice(ffmpegPath = 'ffmpeg'): VoiceAnalysis {
  const child = spawn(ffmpegPath, [...ARGS, String(SAMPLE_RATE), '-f', 's16le', 'pipe:1'], {
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const builder = new WaveformBuilder();
  child.stdout.on('data', (chunk: Buffer) => builder.add(chunk));
  // ffmpeg stops reading when the input is not audio: the writes then fail, which `result` reports.
  child.stdin.on('error', () => undefined);
  const result = new Promise<VoiceFacts | undefined>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      const samples = builder.sampleCount;
      resolve(
        code === 0 && samples > 0
          ? {
              durationMs: Math.round((samples * 1000) / SAMPLE_RATE),
              waveform: builder.slices().toString('base64'),
            }
          : undefined,
      );
    });
  });
  return { input: child.stdin, result, abort: () => child.kill('SIGKILL') };
}
