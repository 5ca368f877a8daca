import { useEffect, useRef } from 'react';
import { PLACEHOLDER_SIZE, placeholderPixels } from './blurhash';

/**
 * An image's blurhash drawn into a small canvas that CSS stretches over the image's box, shown until the
 * thumbnail has loaded (a canvas, not a data: URL, so it needs nothing of the CSP).
 */
export function BlurhashPlaceholder({ hash }: { hash: string | undefined }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const pixels = placeholderPixels(hash);
    const context = canvas.current?.getContext('2d');
    if (pixels && context) {
      const image = context.createImageData(PLACEHOLDER_SIZE, PLACEHOLDER_SIZE);
      image.data.set(pixels);
      context.putImageData(image, 0, 0);
    }
  }, [hash]);
  if (!hash) {
    return null;
  }
  return (
    <canvas
      ref={canvas}
      className="blurhash"
      width={PLACEHOLDER_SIZE}
      height={PLACEHOLDER_SIZE}
      aria-hidden="true"
    />
  );
}
