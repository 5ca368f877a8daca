import type { AttachmentResponse } from '../../api/types';
import { formatBytes } from './media-format';

/** What the server calls an upload (and each attachment of a message), by its wire value. */
export type AttachmentKind = 'image' | 'video' | 'audio' | 'voice' | 'file';

/** The message types a set of attachments makes (the server derives the same; the client shows it early). */
export type MediaMessageType = AttachmentKind;

/** The server's limits (messages.dto.ts): at most 10 attachments to a message. */
export const MAX_ATTACHMENTS = 10;

/** Image types a browser can show inline; others (HEIC...) are sent and shown as files. */
const INLINE_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif']);

/** What the browser's declared type suggests before the server has seen the bytes (the tray's preview). */
export function kindOfMime(mimeType: string): AttachmentKind {
  const type = mimeType.split(';')[0].trim().toLowerCase();
  if (INLINE_IMAGES.has(type)) {
    return 'image';
  }
  if (type.startsWith('video/')) {
    return 'video';
  }
  return type.startsWith('audio/') ? 'audio' : 'file';
}

/** The server's kind of an attachment; a legacy one (stored before kinds) by its MIME type. */
export function kindOf(file: Pick<AttachmentResponse, 'mimeType'> & { kind?: string }): AttachmentKind {
  const kind = file.kind === undefined ? '' : `${file.kind}`;
  return (
    (['image', 'video', 'audio', 'voice', 'file'] as const).find((known) => known === kind) ??
    kindOfMime(file.mimeType)
  );
}

/**
 * How an attachment is shown in a bubble: images inline only with the dimensions that size their box before
 * anything loads (else as a file to download); videos inline always (their poster sizes them).
 */
export function displayKind(
  file: Pick<AttachmentResponse, 'mimeType' | 'width' | 'height'> & { kind?: string },
): AttachmentKind {
  const kind = kindOf(file);
  return kind === 'image' && !(file.width && file.height) ? 'file' : kind;
}

/** The one message type for a set of uploads: their kind when they share one, else `file`. */
export function messageTypeFor(files: ReadonlyArray<{ kind?: string; mimeType: string }>): MediaMessageType {
  const kinds = new Set(files.map((file) => kindOf(file)));
  const [only] = [...kinds];
  return kinds.size === 1 ? only : 'file';
}

/** Files the user picked, split into those to upload and a note about the others. */
export function acceptFiles(
  files: readonly File[],
  alreadyAttached: number,
): { accepted: File[]; notice: string | null } {
  const nonEmpty = files.filter((file) => file.size > 0);
  const room = Math.max(0, MAX_ATTACHMENTS - alreadyAttached);
  const accepted = nonEmpty.slice(0, room);
  const notes: string[] = [];
  if (nonEmpty.length < files.length) {
    notes.push('Empty files were left out.');
  }
  if (nonEmpty.length > room) {
    notes.push(`A message holds at most ${MAX_ATTACHMENTS} attachments.`);
  }
  return { accepted, notice: notes.length > 0 ? notes.join(' ') : null };
}

/** The user's words for an upload failure, by the server's error code. */
export function uploadErrorText(code: string, serverMessage = ''): string {
  switch (code) {
    case 'PAYLOAD_TOO_LARGE': {
      // "…accepts for an image (5242880 bytes)": the limit, and the kind it is for when the server names it.
      const [, kind, limit] = /(?:for (.+?) )?\((\d+) bytes\)/.exec(serverMessage) ?? [];
      const size = limit ? formatBytes(Number(limit)) : '';
      if (!size) {
        return 'Too large for this server';
      }
      return kind ? `Too large: the limit for ${kind} is ${size}` : `Too large: the limit is ${size}`;
    }
    case 'UPLOAD_UNSUPPORTED_TYPE':
      return 'This file type cannot be sent';
    case 'UPLOAD_REJECTED':
      return 'The file could not be processed (damaged?)';
    case 'UPLOAD_TYPE_MISMATCH':
      return 'The file’s content does not match its type or name';
    case 'UPLOAD_EMPTY_FILE':
      return 'The file is empty';
    case 'UPLOAD_INCOMPLETE':
      return 'Upload interrupted; retry';
    case 'UPLOAD_TOO_MANY_PIXELS':
      return 'The image has too many pixels';
    case 'UPLOAD_QUOTA_EXCEEDED':
      return 'You have sent as much as allowed today; try again tomorrow';
    case 'UPLOADS_NOT_CONFIGURED':
      return 'This server does not accept files';
    case 'RATE_LIMITED':
      return 'Too many uploads; wait a minute and retry';
    case 'SERVICE_UNAVAILABLE':
    case 'UPLOAD_UNAVAILABLE':
    case 'UPLOAD_STORAGE_UNAVAILABLE':
      return 'File storage is busy or unavailable; retry later';
    case 'NETWORK_ERROR':
      return 'Upload interrupted; check your connection';
    default:
      return serverMessage || 'Upload failed';
  }
}

/** Whether retrying the same file could succeed. */
export function isRetryable(code: string): boolean {
  return (
    [
      'RATE_LIMITED',
      'SERVICE_UNAVAILABLE',
      'UPLOAD_UNAVAILABLE',
      'UPLOAD_STORAGE_UNAVAILABLE',
      'UPLOAD_INCOMPLETE',
      'NETWORK_ERROR',
    ].includes(code) || code.startsWith('HTTP_5')
  );
}
