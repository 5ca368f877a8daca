import { useState } from 'react';
import type { AttachmentResponse } from '../../api/types';
import { fitWithin } from './media-format';
import { useStableSrc } from './useStableSrc';

const INLINE_MAX = 320;

/**
 * A video in the bubble: its poster frame (the server's `thumbnailUrl`) in a box sized from its dimensions,
 * and the browser's own controls; nothing of the video itself loads until it is played, and a newly signed
 * URL does not restart it while it plays.
 */
export function VideoAttachment({ file, onStale }: { file: AttachmentResponse; onStale?: () => void }) {
  const [busy, setBusy] = useState(false);
  const src = useStableSrc(file.url, busy);
  if (!file.url) {
    return null;
  }
  // Unmeasured, it is drawn 16:9 until the poster gives it its own shape.
  const box =
    file.width && file.height
      ? fitWithin(file.width, file.height, INLINE_MAX, INLINE_MAX)
      : { width: INLINE_MAX, height: (INLINE_MAX * 9) / 16 };
  return (
    <video
      className="video-attachment"
      src={src}
      poster={file.thumbnailUrl}
      controls
      preload="none"
      playsInline
      width={box.width}
      height={box.height}
      aria-label={`Video ${file.name}`}
      onPlay={() => setBusy(true)}
      onEnded={() => setBusy(false)}
      onError={() => {
        setBusy(false);
        onStale?.();
      }}
    />
  );
}
