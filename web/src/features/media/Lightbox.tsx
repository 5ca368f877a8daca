import type { AttachmentResponse } from '../../api/types';
import { ModalShell } from '../../ui/Modal';
import { formatBytes } from './media-format';

/**
 * The image at up to 1280 px (`previewUrl`) in a modal <dialog>: focus moves into it and is trapped by the
 * browser, Escape or the close button or a click on the backdrop closes it, and focus goes back to the
 * thumbnail. "Open original" is the full file.
 */
export function Lightbox({ file, onClose }: { file: AttachmentResponse; onClose: () => void }) {
  const src = file.previewUrl ?? file.url ?? undefined;
  return (
    <ModalShell className="lightbox" label={file.name} onClose={onClose} closeOnBackdrop>
      <div className="lightbox-bar">
        <span className="lightbox-title">
          {file.name} <span className="muted">{formatBytes(file.size)}</span>
        </span>
        {file.url && (
          <a href={file.url} target="_blank" rel="noopener noreferrer">
            Open original
          </a>
        )}
        <button type="button" autoFocus onClick={onClose}>
          Close
        </button>
      </div>
      <img className="lightbox-image" src={src} alt={file.name} width={file.width} height={file.height} />
    </ModalShell>
  );
}
