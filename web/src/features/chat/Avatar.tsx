import { type CSSProperties, useState } from 'react';
import { displayableAvatar } from '../../chat/avatars';
import { hueOf, initialsOf } from '../../chat/names';

/**
 * Pictures that failed once (the CSP refuses a foreign origin, a dead link): every avatar of that URL
 * shows initials at once instead of asking again, for as long as the page lives.
 */
const failedUrls = new Set<string>();

/**
 * The person's (or group's) picture, over initials on a colour of their own; decorative (the name is
 * always written next to it). The picture stays invisible until it has loaded, so a failure never shows a
 * broken-image icon: it is dropped and the initials stay.
 */
export function Avatar({
  id,
  name,
  url,
  online,
}: {
  id: string;
  name: string;
  url?: string | null;
  online?: boolean;
}) {
  const [, setFailures] = useState(0);
  const [loaded, setLoaded] = useState<string | null>(null);
  const src = displayableAvatar(url, failedUrls);
  return (
    <span className="avatar" aria-hidden="true" style={{ '--hue': hueOf(id) } as CSSProperties}>
      {src && loaded === src ? null : initialsOf(name)}
      {src ? (
        <img
          key={src}
          className={`avatar-image${loaded === src ? ' loaded' : ''}`}
          src={src}
          alt=""
          referrerPolicy="no-referrer"
          decoding="async"
          onLoad={() => setLoaded(src)}
          onError={() => {
            failedUrls.add(src);
            setFailures((count) => count + 1);
          }}
        />
      ) : null}
      {online !== undefined ? <span className={`presence-dot${online ? ' online' : ''}`} /> : null}
    </span>
  );
}
