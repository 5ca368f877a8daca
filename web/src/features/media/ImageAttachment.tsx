import { useRef, useState } from 'react';
import type { AttachmentResponse } from '../../api/types';
import { BlurhashPlaceholder } from './BlurhashPlaceholder';
import { Lightbox } from './Lightbox';
import { fitWithin } from './media-format';

/** The largest an inline image is drawn, in CSS pixels (the 320 px thumbnail); the bubble may shrink it. */
const INLINE_MAX = 320;

/**
 * An inline image, alone at its own aspect ratio or as a square tile among several: its blurhash at once,
 * then the thumbnail (loaded lazily) over it; a click opens the larger preview in a dialog.
 */
export function ImageAttachment({
  file,
  tile = false,
  onStale,
}: {
  file: AttachmentResponse;
  tile?: boolean;
  onStale?: () => void;
}) {
  const [open, setOpen] = useState(false);
  // Once a thumbnail has shown, a refreshed URL (the same pixels, newly signed) keeps it shown meanwhile.
  const [loaded, setLoaded] = useState(false);
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const src = file.thumbnailUrl ?? file.url;
  if (!src || !file.width || !file.height) {
    return null;
  }
  // The box is sized from the attachment's dimensions before any pixel arrives (a CSSOM style, which the
  // CSP allows), so loading the image never moves the list.
  const box = fitWithin(file.width, file.height, INLINE_MAX, INLINE_MAX);
  return (
    <>
      <button
        ref={trigger}
        type="button"
        className={`image-attachment${loaded ? ' loaded' : ''}`}
        aria-label={`Open image ${file.name}`}
        style={tile ? undefined : { width: box.width, aspectRatio: `${box.width} / ${box.height}` }}
        onClick={() => setOpen(true)}
      >
        <BlurhashPlaceholder hash={file.blurhash} />
        <img
          src={src}
          alt={file.name}
          width={file.width}
          height={file.height}
          loading="lazy"
          decoding="async"
          onLoad={() => setLoaded(true)}
          onError={() => {
            setFailedSrc(src);
            onStale?.();
          }}
        />
        {failedSrc === src && <span className="image-failed">Image could not be loaded</span>}
      </button>
      {open && (
        <Lightbox
          file={file}
          onClose={() => {
            setOpen(false);
            trigger.current?.focus();
          }}
        />
      )}
    </>
  );
}
