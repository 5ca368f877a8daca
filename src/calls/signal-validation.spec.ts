import { AppError } from '../common/errors/app-error';
import { checkSdp, checkSignalSize } from './signal-validation';

const codeOf = (action: () => void): string | null => {
  try {
    action();
    return null;
  } catch (error) {
    return (error as AppError).code;
  }
};

const SDP =
  'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n';

describe('signal validation', () => {
  it('accepts a session description with CRLF or LF lines', () => {
    expect(codeOf(() => checkSdp(SDP))).toBeNull();
    expect(codeOf(() => checkSdp(SDP.replace(/\r\n/g, '\n')))).toBeNull();
  });

  it.each([
    ['no version line', SDP.replace('v=0\r\n', '')],
    ['a line without a type', `${SDP}garbage\r\n`],
    ['no media section', SDP.replace('m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n', '')],
    ['plain text', 'hello'],
  ])('refuses %s', (_, sdp) => {
    expect(codeOf(() => checkSdp(sdp))).toBe('VALIDATION_FAILED');
  });

  it('counts UTF-8 bytes, not characters', () => {
    expect(codeOf(() => checkSignalSize('é'.repeat(512), 1024))).toBeNull();
    expect(codeOf(() => checkSignalSize('é'.repeat(513), 1024))).toBe('CALL_SIGNAL_TOO_LARGE');
  });
});
