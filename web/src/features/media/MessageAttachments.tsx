import type { AttachmentResponse } from '../../api/types';
import { AudioPlayer } from './AudioPlayer';
import { FileChip } from './FileChip';
import { ImageAttachment } from './ImageAttachment';
import { displayKind } from './media-kinds';
import { VideoAttachment } from './VideoAttachment';
import { VoiceNote } from './VoiceNote';

/**
 * A message's attachments inside its bubble: images inline (sized before they load), videos with their
 * poster, voice notes with their waveform, other audio as a player, anything else as a download card. An
 * attachment whose file is gone (`url: null`) says so. `onStale` hears a media element fail to load, which
 * is what an expired URL looks like: the owner fetches fresh ones.
 */
export function MessageAttachments({
  attachments,
  onStale,
}: {
  attachments: readonly AttachmentResponse[];
  onStale?: () => void;
}) {
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
            <ImageAttachment key={index} file={file} tile={images.length > 1} onStale={onStale} />
          ))}
        </div>
      )}
      {others.map((file, index) => {
        if (!file.url) {
          return (
            <p key={index} className="attachment-unavailable">
              {file.name}: unavailable
            </p>
          );
        }
        switch (displayKind(file)) {
          case 'voice':
            return <VoiceNote key={index} file={file} onStale={onStale} />;
          case 'audio':
            return <AudioPlayer key={index} file={file} onStale={onStale} />;
          case 'video':
            return <VideoAttachment key={index} file={file} onStale={onStale} />;
          default:
            return <FileChip key={index} file={file} onStale={onStale} />;
        }
      })}
    </div>
  );
}
