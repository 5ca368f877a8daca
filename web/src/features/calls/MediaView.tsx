import { useEffect, useRef } from 'react';

/**
 * A `<video>` playing a MediaStream (a remote device, or this one's preview, muted). Remote sound plays
 * through it too, so it stays in the page while hidden (a voice call, a camera turned off).
 */
export function MediaView({
  stream,
  muted = false,
  hidden = false,
  label,
  className,
}: {
  stream: MediaStream | null;
  muted?: boolean;
  hidden?: boolean;
  label: string;
  className?: string;
}) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const element = video.current;
    if (element && element.srcObject !== stream) {
      element.srcObject = stream;
      // Autoplay may be refused before any click on the page; the next change tries again.
      void element.play().catch(() => undefined);
    }
  }, [stream]);
  return (
    <video
      ref={video}
      className={`${className ?? ''}${hidden ? ' media-hidden' : ''}`}
      autoPlay
      playsInline
      muted={muted}
      aria-label={label}
    />
  );
}
