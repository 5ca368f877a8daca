/** Sizes the way people read them: 1 decimal under 10 units, whole numbers above (1.4 MB, 12 MB, 900 KB). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) {
    return '';
  }
  if (bytes < 1000) {
    return `${bytes} B`;
  }
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 999.5 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const text = value < 9.95 ? value.toFixed(1) : Math.round(value).toString();
  return `${text.replace(/\.0$/, '')} ${units[unit]}`;
}

/** m:ss, or h:mm:ss from an hour on; rounds down so a clip never shows longer than it plays. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor((Number.isFinite(ms) ? ms : 0) / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** Words for a screen reader: "1 minute 5 seconds". */
export function spokenDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  const part = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return minutes > 0
    ? `${part(minutes, 'minute')}${seconds > 0 ? ` ${part(seconds, 'second')}` : ''}`
    : part(seconds, 'second');
}

/** The short label shown on a file chip's icon: the extension, else the MIME subtype. */
export function fileBadge(name: string, mimeType: string): string {
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 6 ? name.slice(dot + 1) : '';
  const subtype = mimeType.split('/')[1]?.split(/[.+-]/)[0] ?? '';
  return (extension || subtype || 'file').slice(0, 4).toUpperCase();
}

/** The size to show an image at: its own, scaled down (never up) to fit the box, aspect ratio kept. */
export function fitWithin(
  width: number,
  height: number,
  maxWidth: number,
  maxHeight: number,
): { width: number; height: number } {
  const scale = Math.min(1, maxWidth / width, maxHeight / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
