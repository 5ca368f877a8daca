import type { AttachmentResponse } from '../../api/types';
import { fitWithin } from './media-format';

const INLINE_MAX = 320;

/**
 * A video in the bubble: its poster frame (the server's `thumbnailUrl`) in a box sized from its dimensions,
 * and the browser's own controls; nothing of the video itself loads until it is played.
 */
export function VideoAttachment({ file, onStale }: { file: AttachmentResponse; onStale?: () => void }) {
  if (!file.url || !file.width || !file.height) {
    return null;
  }
  const box = fitWithin(file.width, file.height, INLINE_MAX, INLINE_MAX);
  return (
    <video
      className="video-attachment"
      src={file.url}
      poster={file.thumbnailUrl}
      controls
      preload="none"
      playsInline
      width={box.width}
      height={box.height}
      aria-label={`Video ${file.name}`}
      onError={onStale}
    />
  );
}
