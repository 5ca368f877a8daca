import { useRef, useState } from 'react';
import type { AttachmentResponse } from '../../api/types';
import { Lightbox } from './Lightbox';
import { fitWithin } from './media-format';

/** The largest an inline image is drawn, in CSS pixels; the bubble may make it narrower still. */
const INLINE_MAX = 320;

/**
 * An inline image, alone at its own aspect ratio or as a square tile among several; it loads lazily and
 * opens full size in a dialog.
 */
export function ImageAttachment({ file, tile = false }: { file: AttachmentResponse; tile?: boolean }) {
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  if (!file.url || !file.width || !file.height) {
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
        className="image-attachment"
        aria-label={`Open image ${file.name}`}
        style={tile ? undefined : { width: box.width, aspectRatio: `${box.width} / ${box.height}` }}
        onClick={() => setOpen(true)}
      >
        <img
          src={file.url}
          alt={file.name}
          width={file.width}
          height={file.height}
          loading="lazy"
          decoding="async"
          onError={() => setFailed(true)}
        />
        {failed && <span className="image-failed">Image could not be loaded</span>}
      </button>
      {open && (
        <Lightbox
          file={file}
          url={file.url}
          onClose={() => {
            setOpen(false);
            trigger.current?.focus();
          }}
        />
      )}
    </>
  );
}
