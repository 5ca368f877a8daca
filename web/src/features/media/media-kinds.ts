import type { AttachmentResponse, UploadResponse } from '../../api/types';
import { formatBytes } from './media-format';

export type AttachmentKind = 'image' | 'audio' | 'file';
export type MediaMessageType = AttachmentKind;

/** An upload answer as the client keeps it (`kind` as a plain string: the server's enum is type-only here). */
export type Uploaded = Omit<UploadResponse, 'kind'> & { kind: AttachmentKind };

/** The server's limits (messages.dto.ts, upload defaults): at most 10 attachments to a message. */
export const MAX_ATTACHMENTS = 10;

/** Image types a browser can show inline; others (HEIC...) are sent and shown as files. */
const INLINE_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif']);

/** What the browser's declared type suggests before the server has seen the bytes. */
export function kindOfMime(mimeType: string): AttachmentKind {
  const type = mimeType.split(';')[0].trim().toLowerCase();
  if (INLINE_IMAGES.has(type)) {
    return 'image';
  }
  return type.startsWith('audio/') ? 'audio' : 'file';
}

/** How an attachment in a message is shown: inline only when it carries what its kind needs. */
export function displayKind(file: AttachmentResponse): AttachmentKind {
  const kind = kindOfMime(file.mimeType);
  if (kind === 'image' && file.width && file.height) {
    return 'image';
  }
  return kind === 'audio' ? 'audio' : 'file';
}

/**
 * The one message type for a set of uploads: `image` when every one is an image with dimensions, `audio`
 * when every one is audio with a duration (the server refuses either without them), else `file`.
 */
export function messageTypeFor(files: ReadonlyArray<Pick<Uploaded, 'kind'>>): MediaMessageType {
  if (files.length > 0 && files.every((file) => file.kind === 'image')) {
    return 'image';
  }
  if (files.length > 0 && files.every((file) => file.kind === 'audio')) {
    return 'audio';
  }
  return 'file';
}

/**
 * Completes an upload answer with what the client measured itself, when the media host reported nothing
 * (a MediaRecorder WebM has no duration in its header; an image the host did not measure): the server
 * accepts an attachment's width/height/durationMs from the client.
 */
export function completeUpload(
  upload: Uploaded,
  measured: { width?: number; height?: number; durationMs?: number },
): Uploaded {
  const type = kindOfMime(upload.mimeType);
  if (type === 'image' && !(upload.width && upload.height) && measured.width && measured.height) {
    return { ...upload, width: measured.width, height: measured.height, kind: 'image' };
  }
  if (type === 'audio' && !upload.durationMs && measured.durationMs && measured.durationMs > 0) {
    return { ...upload, durationMs: Math.round(measured.durationMs), kind: 'audio' };
  }
  return upload;
}

/** The attachment part of an upload answer (everything but its id and kind). */
export function toAttachment(upload: Uploaded): AttachmentResponse {
  const { id: _id, kind: _kind, ...attachment } = upload;
  return attachment;
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
      const limit = /\((\d+) bytes\)/.exec(serverMessage)?.[1];
      return limit ? `Too large: the limit is ${formatBytes(Number(limit))}` : 'Too large for this server';
    }
    case 'UPLOAD_UNSUPPORTED_TYPE':
      return 'This file type cannot be sent';
    case 'UPLOAD_REJECTED':
      return 'The file could not be processed (damaged?)';
    case 'UPLOADS_NOT_CONFIGURED':
      return 'This server does not accept files';
    case 'RATE_LIMITED':
      return 'Too many uploads; wait a minute and retry';
    case 'SERVICE_UNAVAILABLE':
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
    ['RATE_LIMITED', 'SERVICE_UNAVAILABLE', 'UPLOAD_STORAGE_UNAVAILABLE', 'NETWORK_ERROR'].includes(code) ||
    code.startsWith('HTTP_5')
  );
}
