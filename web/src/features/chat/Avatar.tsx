import type { CSSProperties } from 'react';
import { hueOf, initialsOf } from '../../chat/names';

/** Initials on a colour of the person's own; decorative (the name is always written next to it). */
export function Avatar({ id, name, online }: { id: string; name: string; online?: boolean }) {
  return (
    <span className="avatar" aria-hidden="true" style={{ '--hue': hueOf(id) } as CSSProperties}>
      {initialsOf(name)}
      {online !== undefined ? <span className={`presence-dot${online ? ' online' : ''}`} /> : null}
    </span>
  );
}
