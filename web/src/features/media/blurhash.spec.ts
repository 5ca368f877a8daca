import { encode } from 'blurhash';
import { describe, expect, it } from 'vitest';
import { PLACEHOLDER_SIZE, placeholderPixels } from './blurhash';

describe('placeholderPixels', () => {
  it('decodes an image’s blurhash into the small RGBA square the canvas stretches', () => {
    // A 4x4 image, red on the left and blue on the right, encoded as the server does.
    const pixels = new Uint8ClampedArray(4 * 4 * 4);
    for (let index = 0; index < 16; index += 1) {
      const left = index % 4 < 2;
      pixels.set([left ? 255 : 0, 0, left ? 0 : 255, 255], index * 4);
    }
    const decoded = placeholderPixels(encode(pixels, 4, 4, 4, 3));
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
