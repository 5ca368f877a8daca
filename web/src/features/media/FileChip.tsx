import type { AttachmentResponse } from '../../api/types';
import { FileIcon } from './FileIcon';
import { formatBytes } from './media-format';

/** A file to download: its type, name and size. Opens in a new tab (cross-origin `download` is ignored). */
export function FileChip({ file, url }: { file: AttachmentResponse; url: string }) {
  return (
    <a
      className="file-chip"
      href={url}
      target="_blank"
      rel="noopener noreferrer"
      download={file.name}
      aria-label={`Download ${file.name}, ${formatBytes(file.size)}`}
    >
      <FileIcon name={file.name} mimeType={file.mimeType} />
      <span className="file-chip-text">
        <span className="file-chip-name">{file.name}</span>
        <span className="file-chip-size">{formatBytes(file.size)}</span>
      </span>
    </a>
  );
}
