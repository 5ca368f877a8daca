import { decode, isBlurhashValid } from 'blurhash';

/** A placeholder is decoded this small and stretched by CSS: it is a blur, more pixels add nothing. */
export const PLACEHOLDER_SIZE = 32;

/** The RGBA pixels of an image's blurhash placeholder, or null when there is none or it is malformed. */
export function placeholderPixels(
  hash: string | undefined,
  size = PLACEHOLDER_SIZE,
): Uint8ClampedArray | null {
  if (!hash || !isBlurhashValid(hash).result) {
    return null;
  }
  return decode(hash, size, size);
}
