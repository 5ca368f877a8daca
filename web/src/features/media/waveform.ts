/** How many levels the server's waveform carries: one peak per slice of the recording. */
export const WAVEFORM_LEVELS = 64;

/** The lowest a bar is drawn, as a fraction of the full height, so silence still reads as a waveform. */
const FLOOR = 0.08;

/**
 * The server's waveform (base64 of 64 bytes, each a slice's peak level 0-255) as levels 0..1; empty when
 * absent or not what the server promises, and the player then draws flat bars.
 */
export function decodeWaveform(base64: string | undefined): number[] {
  if (!base64) {
    return [];
  }
  let bytes: string;
  try {
    bytes = atob(base64);
  } catch {
    return [];
  }
  if (bytes.length !== WAVEFORM_LEVELS) {
    return [];
  }
  return Array.from(bytes, (char) => char.charCodeAt(0) / 255);
}

/**
 * The height of each of `count` bars, FLOOR..1: the loudest peak of each bar's share of the levels, scaled
 * to the loudest of all (a quiet recording keeps its shape, as messaging apps draw it). No levels: flat bars.
 */
export function waveformBars(levels: readonly number[], count: number): number[] {
  if (levels.length === 0) {
    return Array.from({ length: count }, () => FLOOR);
  }
  const peaks = Array.from({ length: count }, (_, bar) => {
    const from = Math.floor((bar * levels.length) / count);
    const to = Math.max(from + 1, Math.floor(((bar + 1) * levels.length) / count));
    return Math.max(...levels.slice(from, to));
  });
  const loudest = Math.max(...peaks);
  return peaks.map((peak) => (loudest > 0 ? FLOOR + (1 - FLOOR) * (peak / loudest) : FLOOR));
}

/** How many of `count` bars are drawn as played at a position. */
export function playedBars(count: number, positionMs: number, durationMs: number): number {
  if (durationMs <= 0 || positionMs <= 0) {
    return 0;
  }
  return Math.min(count, Math.ceil((positionMs / durationMs) * count));
}

/** Where a key press moves the position: arrows by 5 s, Home and End to the ends; null for other keys. */
export function seekByKey(key: string, positionMs: number, durationMs: number): number | null {
  const step = 5000;
  const clamp = (ms: number) => Math.min(durationMs, Math.max(0, ms));
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      return clamp(positionMs - step);
    case 'ArrowRight':
    case 'ArrowUp':
      return clamp(positionMs + step);
    case 'Home':
      return 0;
    case 'End':
      return durationMs;
    default:
      return null;
  }
}
