import { describe, expect, it } from 'vitest';
import { decodeWaveform, playedBars, seekByKey, waveformBars, WAVEFORM_LEVELS } from './waveform';

const base64 = (bytes: number[]) => btoa(String.fromCharCode(...bytes));

describe('decodeWaveform', () => {
  it('reads the 64 peak levels the server sends as base64, 0..1', () => {
    const bytes = Array.from({ length: WAVEFORM_LEVELS }, (_, index) => (index * 4) % 256);
    const levels = decodeWaveform(base64(bytes));
    expect(levels).toHaveLength(64);
    expect(levels[0]).toBe(0);
    expect(levels[1]).toBeCloseTo(4 / 255);
    expect(decodeWaveform(base64(Array(64).fill(255)))).toEqual(Array(64).fill(1));
  });

  it('gives nothing for a missing, malformed or wrongly sized waveform', () => {
    expect(decodeWaveform(undefined)).toEqual([]);
    expect(decodeWaveform('')).toEqual([]);
    expect(decodeWaveform('not base64!')).toEqual([]);
    expect(decodeWaveform(base64([1, 2, 3]))).toEqual([]);
  });
});

describe('waveformBars', () => {
  it('takes the loudest level of each bar’s share and scales to the loudest of all', () => {
    const levels = Array.from({ length: 64 }, (_, index) => (index < 32 ? 0.1 : 0.5));
    const bars = waveformBars(levels, 4);
    expect(bars).toHaveLength(4);
    // A quiet recording keeps its shape: the loudest bar is full height.
    expect(bars[2]).toBe(1);
    expect(bars[3]).toBe(1);
    expect(bars[0]).toBeCloseTo(0.08 + 0.92 * 0.2);
    const peak = Array(64).fill(0);
    peak[63] = 0.3;
    expect(waveformBars(peak, 8).at(-1)).toBe(1);
    expect(waveformBars(peak, 8)[0]).toBeCloseTo(0.08);
  });

  it('draws more bars than levels by repeating them, and flat bars for silence or no waveform', () => {
    expect(waveformBars([0.2, 0.4], 4)).toEqual([0.08 + 0.92 * 0.5, 0.08 + 0.92 * 0.5, 1, 1]);
    expect(waveformBars(Array(64).fill(0), 3)).toEqual([0.08, 0.08, 0.08]);
    expect(waveformBars([], 5)).toEqual(Array(5).fill(0.08));
  });
});

describe('playedBars and seekByKey', () => {
  it('colours the bars up to the position', () => {
    expect(playedBars(40, 0, 10_000)).toBe(0);
    expect(playedBars(40, 1, 10_000)).toBe(1);
    expect(playedBars(40, 5_000, 10_000)).toBe(20);
    expect(playedBars(40, 12_000, 10_000)).toBe(40);
    expect(playedBars(40, 500, 0)).toBe(0);
  });

  it('moves by 5 s with the arrows, to the ends with Home and End, within the recording', () => {
    expect(seekByKey('ArrowRight', 1_000, 20_000)).toBe(6_000);
    expect(seekByKey('ArrowLeft', 3_000, 20_000)).toBe(0);
    expect(seekByKey('ArrowUp', 18_000, 20_000)).toBe(20_000);
    expect(seekByKey('End', 0, 20_000)).toBe(20_000);
    expect(seekByKey('Home', 9_000, 20_000)).toBe(0);
    expect(seekByKey('a', 9_000, 20_000)).toBeNull();
  });
});
