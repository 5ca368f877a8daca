import { useEffect, useRef } from 'react';
import type { AttachmentResponse } from '../../api/types';
import { formatBytes } from './media-format';

/**
 * The full-size image in a modal <dialog>: focus moves into it and is trapped by the browser, Escape or
 * the close button or a click on the backdrop closes it, and the caller puts focus back on the thumbnail.
 */
export function Lightbox({
  file,
  url,
  onClose,
}: {
  file: AttachmentResponse;
  url: string;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) {
      element.showModal();
    }
    return () => element?.close();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="lightbox"
      aria-label={file.name}
      onClose={onClose}
      onClick={(event) => {
        // A click on the dialog itself (not on its content) is a click on the backdrop.
        if (event.target === event.currentTarget) {
          event.currentTarget.close();
        }
      }}
    >
      <div className="lightbox-bar">
        <span className="lightbox-title">
          {file.name} <span className="muted">{formatBytes(file.size)}</span>
        </span>
        <a href={url} target="_blank" rel="noopener noreferrer">
          Open original
        </a>
        <button type="button" autoFocus onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
      <img className="lightbox-image" src={url} alt={file.name} width={file.width} height={file.height} />
    </dialog>
  );
}
