import { useState } from 'react';
import type { AttachmentResponse } from '../../api/types';
import { FileIcon } from './FileIcon';
import { formatBytes } from './media-format';

/**
 * A file to download: its type, name and size, with the first page above them when the server made a
 * preview (PDFs). Opens in a new tab (cross-origin `download` is ignored).
 */
export function FileChip({ file, onStale }: { file: AttachmentResponse; onStale?: () => void }) {
  const [previewFailed, setPreviewFailed] = useState(false);
  if (!file.url) {
    return null;
  }
  const preview = file.thumbnailUrl && !previewFailed ? file.thumbnailUrl : null;
  return (
    <a
      className={`file-chip${preview ? ' with-preview' : ''}`}
      href={file.url}
      target="_blank"
      rel="noopener noreferrer"
      download={file.name}
      aria-label={`Download ${file.name}, ${formatBytes(file.size)}`}
    >
      {preview && (
        <img
          className="file-preview"
          src={preview}
          alt=""
          loading="lazy"
          decoding="async"
          onError={() => {
            setPreviewFailed(true);
            onStale?.();
          }}
        />
      )}
      <span className="file-chip-row">
        <FileIcon name={file.name} mimeType={file.mimeType} />
        <span className="file-chip-text">
          <span className="file-chip-name">{file.name}</span>
          <span className="file-chip-size">{formatBytes(file.size)}</span>
        </span>
      </span>
    </a>
  );
}
