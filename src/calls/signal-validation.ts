import { CommonError, CommonErrorCode } from '../common/errors/common-errors';
import { CallsError, CallsErrorCode } from './calls.errors';

/** Every SDP line is `<type letter>=<value>` (RFC 8866 §5). */
const SDP_LINE = /^[a-z]=[^\r\n]*$/;

/** Refuses a signal's text (an SDP or a candidate) longer than `maxBytes` in UTF-8. */
export function checkSignalSize(text: string, maxBytes: number): void {
  if (Buffer.byteLength(text, 'utf8') > maxBytes) {
    throw new CallsError(CallsErrorCode.SignalTooLarge, `At most ${maxBytes} bytes`);
  }
}

/**
 * Refuses what cannot be a session description: it must start `v=0`, hold only `<letter>=` lines (CRLF or
 * LF) and describe at least one media section. Browsers parse the rest; this keeps garbage off the relay.
 */
export function checkSdp(sdp: string): void {
  const lines = sdp.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1] === '') {
    lines.pop();
  }
  const problem =
    lines[0] !== 'v=0'
      ? 'must start with "v=0"'
      : !lines.every((line) => SDP_LINE.test(line))
        ? 'every line must be "<letter>=<value>"'
        : !lines.some((line) => line.startsWith('m='))
          ? 'must describe at least one media section ("m=")'
          : null;
  if (problem) {
    throw new CommonError(CommonErrorCode.ValidationFailed, undefined, [
      { path: 'sdp', message: `is not a session description: ${problem}` },
    ]);
  }
}
