import { MessageType } from '../messages/message.schema';

/** Which message `type` an upload fits: any but text and call. */
export type UploadKind = Exclude<MessageType, MessageType.Text | MessageType.Call>;

export interface SniffedType {
  mimeType: string;
  kind: UploadKind;
}

/**
 * A container recognised by its leading bytes, and the MIME types it may carry: the first is the default,
 * the others are taken only when the client declared them (a WebM voice note is audio/webm, a WebM clip
 * video/webm; a .docx is a ZIP). The client can thus pick a label within the format the bytes prove, never
 * another format.
 */
interface Signature {
  matches(head: Buffer): boolean;
  mimeTypes: readonly string[];
}

const ascii = (head: Buffer, offset: number, text: string): boolean =>
  head.subarray(offset, offset + text.length).toString('latin1') === text;

const bytes = (head: Buffer, offset: number, expected: readonly number[]): boolean =>
  expected.every((byte, index) => head[offset + index] === byte);

/** ISO base media (MP4, M4A, HEIC): `ftyp` at offset 4, then the major brand. */
const isoBrand = (head: Buffer, brands: readonly string[]): boolean =>
  ascii(head, 4, 'ftyp') && brands.includes(head.subarray(8, 12).toString('latin1'));

/** An MPEG audio layer III frame header (an MP3 without ID3 tag): sync bits, a valid version, layer III. */
const mp3Frame = (head: Buffer): boolean =>
  head[0] === 0xff && (head[1] & 0xe0) === 0xe0 && (head[1] & 0x18) !== 0x08 && (head[1] & 0x06) === 0x02;

const OFFICE_ZIP = [
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
];

const SIGNATURES: readonly Signature[] = [
  { matches: (h) => bytes(h, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), mimeTypes: ['image/png'] },
  { matches: (h) => bytes(h, 0, [0xff, 0xd8, 0xff]), mimeTypes: ['image/jpeg'] },
  { matches: (h) => ascii(h, 0, 'GIF87a') || ascii(h, 0, 'GIF89a'), mimeTypes: ['image/gif'] },
  { matches: (h) => ascii(h, 0, 'RIFF') && ascii(h, 8, 'WEBP'), mimeTypes: ['image/webp'] },
  { matches: (h) => isoBrand(h, ['heic', 'heix']), mimeTypes: ['image/heic'] },
  { matches: (h) => isoBrand(h, ['avif']), mimeTypes: ['image/avif'] },
  { matches: (h) => ascii(h, 0, 'ID3') || mp3Frame(h), mimeTypes: ['audio/mpeg'] },
  { matches: (h) => ascii(h, 0, 'RIFF') && ascii(h, 8, 'WAVE'), mimeTypes: ['audio/wav'] },
  { matches: (h) => ascii(h, 0, 'fLaC'), mimeTypes: ['audio/flac'] },
  { matches: (h) => ascii(h, 0, 'OggS'), mimeTypes: ['audio/ogg', 'video/ogg'] },
  { matches: (h) => isoBrand(h, ['M4A ']), mimeTypes: ['audio/mp4'] },
  { matches: (h) => isoBrand(h, ['qt  ']), mimeTypes: ['video/quicktime'] },
  {
    matches: (h) => isoBrand(h, ['isom', 'iso2', 'mp41', 'mp42', 'avc1', 'dash', 'MSNV']),
    mimeTypes: ['video/mp4', 'audio/mp4'],
  },
  { matches: (h) => bytes(h, 0, [0x1a, 0x45, 0xdf, 0xa3]), mimeTypes: ['video/webm', 'audio/webm'] },
  { matches: (h) => ascii(h, 0, '%PDF-'), mimeTypes: ['application/pdf'] },
  { matches: (h) => bytes(h, 0, [0x50, 0x4b, 0x03, 0x04]), mimeTypes: ['application/zip', ...OFFICE_ZIP] },
];

/** Text has no signature: accepted only when declared, valid UTF-8 and free of control bytes. */
const TEXT_TYPES = ['text/plain', 'text/csv'];

function isPlainText(content: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return false;
  }
  // Markup is refused: served back as HTML or SVG by the media host it could carry script.
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000e-\u001f]/.test(text) && !/^\uFEFF?\s*</.test(text);
}

function kindOf(mimeType: string): UploadKind {
  if (mimeType.startsWith('image/')) {
    return MessageType.Image;
  }
  return mimeType.startsWith('audio/') ? MessageType.Audio : MessageType.File;
}

/**
 * The type of an upload, decided by its bytes; the client's declared type only picks among the labels the
 * recognised format allows. Undefined: not an allowed type.
 */
export function sniffFileType(content: Buffer, declared: string): SniffedType | undefined {
  const declaredType = declared.split(';')[0].trim().toLowerCase();
  const signature = SIGNATURES.find((candidate) => candidate.matches(content));
  if (signature) {
    const mimeType = signature.mimeTypes.includes(declaredType) ? declaredType : signature.mimeTypes[0];
    return { mimeType, kind: kindOf(mimeType) };
  }
  if (TEXT_TYPES.includes(declaredType) && content.length > 0 && isPlainText(content)) {
    return { mimeType: declaredType, kind: MessageType.File };
  }
  return undefined;
}
