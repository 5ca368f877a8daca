import { describe, expect, it } from 'vitest';
import { microphoneErrorText, pickRecordingType, voiceFileName } from './recording';

describe('pickRecordingType', () => {
  it('prefers Opus in WebM and falls back to what the browser records', () => {
    expect(pickRecordingType(() => true)).toBe('audio/webm;codecs=opus');
    expect(pickRecordingType((type) => type === 'audio/mp4')).toBe('audio/mp4');
    expect(pickRecordingType(() => false)).toBe('');
  });
});

describe('voiceFileName', () => {
  it('names the file after its time and container', () => {
    const at = new Date('2026-04-02T10:20:30.456Z');
    expect(voiceFileName('audio/webm;codecs=opus', at)).toBe('voice-20260402-102030.webm');
    expect(voiceFileName('audio/mp4', at)).toBe('voice-20260402-102030.m4a');
    expect(voiceFileName('audio/ogg;codecs=opus', at)).toBe('voice-20260402-102030.ogg');
  });
});

describe('microphoneErrorText', () => {
  it('explains a refused permission and a missing device', () => {
    expect(microphoneErrorText(new DOMException('x', 'NotAllowedError'))).toMatch(/denied/);
    expect(microphoneErrorText(new DOMException('x', 'NotFoundError'))).toMatch(/No microphone/);
    expect(microphoneErrorText(undefined)).toMatch(/not available/);
  });
});
