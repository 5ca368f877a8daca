/** A press on the microphone shorter than this is a tap: the recording goes on, with Cancel and Send. */
export const HOLD_MS = 400;

/** Sliding this far left while holding cancels the recording, as in messaging apps. */
export const CANCEL_SLIDE_PX = 80;

export type ReleaseOutcome = 'lock' | 'send' | 'cancel';

/**
 * What releasing the held microphone means: a tap locks the recording on (Cancel or Send to end it), a
 * hold sends it, a hold slid left cancels it.
 */
export function releaseOutcome(heldMs: number, slidLeftPx: number): ReleaseOutcome {
  if (slidLeftPx >= CANCEL_SLIDE_PX) {
    return 'cancel';
  }
  return heldMs < HOLD_MS ? 'lock' : 'send';
}
