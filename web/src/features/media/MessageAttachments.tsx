import type { AttachmentResponse } from '../../api/types';
import { AudioPlayer } from './AudioPlayer';
import { FileChip } from './FileChip';
import { ImageAttachment } from './ImageAttachment';
import { displayKind } from './media-kinds';

/**
 * A message's attachments inside its bubble: images inline (sized before they load), audio as a voice
 * player, anything else as a download chip. An attachment whose file is gone (`url: null`) says so.
 */
export function MessageAttachments({ attachments }: { attachments: readonly AttachmentResponse[] }) {
  if (attachments.length === 0) {
    return null;
  }
  const images = attachments.filter((file) => file.url && displayKind(file) === 'image');
  const others = attachments.filter((file) => !images.includes(file));
  return (
    <div className="message-attachments">
      {images.length > 0 && (
        <div className={`image-grid${images.length > 1 ? ' several' : ''}`}>
          {images.map((file, index) => (
            <ImageAttachment key={`${index}-${file.url}`} file={file} tile={images.length > 1} />
          ))}
        </div>
      )}
      {others.map((file, index) =>
        file.url === null ? (
          <p key={index} className="attachment-unavailable">
            {file.name}: unavailable
          </p>
        ) : displayKind(file) === 'audio' ? (
          <AudioPlayer key={index} file={file} url={file.url} />
        ) : (
          <FileChip key={index} file={file} url={file.url} />
        ),
      )}
    </div>
  );
}
