import { useRef, useState } from 'react';
import type { AttachmentResponse } from '../../api/types';
import { Lightbox } from './Lightbox';

/**
 * An inline image: its width and height attributes give the box its aspect ratio before the pixels
 * arrive, so the list does not jump; it loads lazily and opens full size in a dialog.
 */
export function ImageAttachment({ file }: { file: AttachmentResponse }) {
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  if (!file.url) {
    return null;
  }
  return (
    <>
      <button
        ref={trigger}
        type="button"
        className="image-attachment"
        aria-label={`Open image ${file.name}`}
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
