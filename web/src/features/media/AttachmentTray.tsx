import { formatBytes } from './media-format';
import type { DraftItem, UploadDraft } from './useUpload';
import { FileIcon } from './FileIcon';

/** The attachments of the message being written, before it is sent: thumbnails and file chips. */
export function AttachmentTray({ draft }: { draft: UploadDraft }) {
  if (draft.items.length === 0 && !draft.notice) {
    return null;
  }
  return (
    <div className="attachment-tray">
      {draft.items.length > 0 && (
        <ul className="tray-items" aria-label="Attachments">
          {draft.items.map((item) => (
            <TrayItem key={item.key} item={item} onRemove={draft.remove} onRetry={draft.retry} />
          ))}
        </ul>
      )}
      {draft.notice && (
        <p className="tray-notice" role="status">
          {draft.notice}{' '}
          <button type="button" className="link-button" onClick={draft.dismissNotice}>
            Dismiss
          </button>
        </p>
      )}
    </div>
  );
}

function TrayItem({
  item,
  onRemove,
  onRetry,
}: {
  item: DraftItem;
  onRemove: (key: string) => void;
  onRetry: (key: string) => void;
}) {
  const label = item.voice ? 'Voice message' : item.file.name;
  const percent = Math.round(item.progress * 100);
  return (
    <li className={`tray-item ${item.status}`} aria-label={label}>
      {item.previewUrl ? (
        <img className="tray-thumb" src={item.previewUrl} alt="" />
      ) : (
        <FileIcon name={item.file.name} mimeType={item.file.type} />
      )}
      <span className="tray-text">
        <span className="tray-name">{label}</span>
        <span className="tray-meta">
          {item.status === 'failed' ? (
            <span className="tray-error" role="alert">
              {item.error}
            </span>
          ) : (
            formatBytes(item.file.size)
          )}
        </span>
        {item.status === 'uploading' && (
          <progress max={100} value={percent} aria-label={`Uploading ${label}`}>
            {percent}%
          </progress>
        )}
      </span>
      {item.status === 'failed' && item.retryable && (
        <button type="button" className="link-button" onClick={() => onRetry(item.key)}>
          Retry
        </button>
      )}
      <button
        type="button"
        className="tray-remove"
        aria-label={item.status === 'uploading' ? `Cancel upload of ${label}` : `Remove ${label}`}
        onClick={() => onRemove(item.key)}
      >
        ×
      </button>
    </li>
  );
}
