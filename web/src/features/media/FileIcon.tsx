import { fileBadge } from './media-format';

/** A document shape with the file's extension on it. */
export function FileIcon({ name, mimeType }: { name: string; mimeType: string }) {
  return (
    <span className="file-icon" aria-hidden="true">
      {fileBadge(name, mimeType)}
    </span>
  );
}
