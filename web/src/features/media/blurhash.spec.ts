import { encode } from 'blurhash';
import { describe, expect, it } from 'vitest';
import { PLACEHOLDER_SIZE, placeholderPixels } from './blurhash';

describe('placeholderPixels', () => {
  it('decodes an image’s blurhash into the small RGBA square the canvas stretches', () => {
    // A 32x32 image fading from red on the left to blue on the right, encoded as the server does.
    const pixels = new Uint8ClampedArray(32 * 32 * 4);
    for (let index = 0; index < 32 * 32; index += 1) {
      const right = Math.round(((index % 32) / 31) * 255);
      pixels.set([255 - right, 0, right, 255], index * 4);
    }
    const decoded = placeholderPixels(encode(pixels, 32, 32, 4, 3));
    expect(decoded).toHaveLength(PLACEHOLDER_SIZE * PLACEHOLDER_SIZE * 4);
    const red = (x: number) => decoded![(PLACEHOLDER_SIZE * 16 + x) * 4];
    const blue = (x: number) => decoded![(PLACEHOLDER_SIZE * 16 + x) * 4 + 2];
    expect(red(1)).toBeGreaterThan(blue(1));
    expect(blue(30)).toBeGreaterThan(red(30));
    expect(decoded![3]).toBe(255);
  });

  it('is null when there is no blurhash or it is malformed', () => {
    expect(placeholderPixels(undefined)).toBeNull();
    expect(placeholderPixels('')).toBeNull();
    expect(placeholderPixels('#nope')).toBeNull();
  });
});
