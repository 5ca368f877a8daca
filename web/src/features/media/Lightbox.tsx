import type { AttachmentResponse } from '../../api/types';
import { ModalShell } from '../../ui/Modal';
import { formatBytes } from './media-format';

/**
 * The full-size image in a modal <dialog>: focus moves into it and is trapped by the browser, Escape or
 * the close button or a click on the backdrop closes it, and focus goes back to the thumbnail.
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
  return (
    <ModalShell className="lightbox" label={file.name} onClose={onClose} closeOnBackdrop>
      <div className="lightbox-bar">
        <span className="lightbox-title">
          {file.name} <span className="muted">{formatBytes(file.size)}</span>
        </span>
        <a href={url} target="_blank" rel="noopener noreferrer">
          Open original
        </a>
        <button type="button" autoFocus onClick={onClose}>
          Close
        </button>
      </div>
      <img className="lightbox-image" src={url} alt={file.name} width={file.width} height={file.height} />
    </ModalShell>
  );
}
