const MAX_NAME_LENGTH = 255;

/**
 * The original file name as it is shown to other members: the last path segment only, without control or
 * bidirectional-override characters (which can disguise `exe.png` as `gnp.exe`), whitespace collapsed, and
 * at most 255 characters with the extension kept. Falls back to `file` when nothing usable is left.
 */
export function sanitizeFileName(original: string): string {
  const base = original.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim()
    .replace(/^\.+/, '');
  if (cleaned.length === 0) {
    return 'file';
  }
  if (cleaned.length <= MAX_NAME_LENGTH) {
    return cleaned;
  }
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 16 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, MAX_NAME_LENGTH - extension.length) + extension;
}
