import { describe, expect, it } from 'vitest';
import { CANCEL_SLIDE_PX, HOLD_MS, releaseOutcome } from './recorder-gesture';

describe('releaseOutcome', () => {
  it('locks the recording on after a tap, and sends it after a hold', () => {
    expect(releaseOutcome(120, 0)).toBe('lock');
    expect(releaseOutcome(HOLD_MS - 1, 10)).toBe('lock');
    expect(releaseOutcome(HOLD_MS, 0)).toBe('send');
    expect(releaseOutcome(5_000, CANCEL_SLIDE_PX - 1)).toBe('send');
  });

  it('cancels when the finger slid far enough left, held or not', () => {
    expect(releaseOutcome(5_000, CANCEL_SLIDE_PX)).toBe('cancel');
    expect(releaseOutcome(100, 200)).toBe('cancel');
    // Sliding right is not a cancel.
    expect(releaseOutcome(5_000, -200)).toBe('send');
  });
});
