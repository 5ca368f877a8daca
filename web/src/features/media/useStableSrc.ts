import { useState } from 'react';

/**
 * The URL a media element keeps while it is busy (playing, or paused midway): putting a newly signed URL in
 * its `src` would restart it. It takes the latest one when idle, or once it has failed.
 */
export function useStableSrc(url: string | null, busy: boolean): string | undefined {
  const [held, setHeld] = useState(url);
  if (held !== url && !busy) {
    setHeld(url); // adjusted while rendering, as React recommends over an effect
  }
  return (busy ? held : url) ?? undefined;
}
