/** What a file is, for its limit and its processing (a voice note is audio the client says is one). */
export type FileKind = 'image' | 'video' | 'audio' | 'file';

export interface SniffedType {
  mimeType: string;
  kind: FileKind;
}

/** Why a file was not recognised: an unknown format, or one that contradicts its declared type or name. */
export type SniffResult = { type: SniffedType } | { refused: 'unrecognised' | 'mismatch' };

/** How many leading bytes are enough to recognise a file (and to check that text is text). */
export const SNIFF_BYTES = 4096;

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

/** ISO base media (MP4, M4A, MOV, HEIC): `ftyp` at offset 4, then the major brand. */
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

/** Brands of MP4 files as cameras, phones, browsers' MediaRecorder and encoders write them. */
const MP4_BRANDS = [
  'isom',
  'iso2',
  'iso4',
  'iso5',
  'iso6',
  'mp41',
  'mp42',
  'mp71',
  'avc1',
  'dash',
  'MSNV',
  'M4V ',
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
  { matches: (h) => isoBrand(h, ['M4A ', 'M4B ']), mimeTypes: ['audio/mp4'] },
  { matches: (h) => isoBrand(h, ['qt  ']), mimeTypes: ['video/quicktime'] },
  { matches: (h) => isoBrand(h, MP4_BRANDS), mimeTypes: ['video/mp4', 'audio/mp4'] },
  { matches: (h) => bytes(h, 0, [0x1a, 0x45, 0xdf, 0xa3]), mimeTypes: ['video/webm', 'audio/webm'] },
  { matches: (h) => ascii(h, 0, '%PDF-'), mimeTypes: ['application/pdf'] },
  { matches: (h) => bytes(h, 0, [0x50, 0x4b, 0x03, 0x04]), mimeTypes: ['application/zip', ...OFFICE_ZIP] },
];

/** Text has no signature: accepted only when declared, valid UTF-8 and free of control bytes. */
const TEXT_TYPES = ['text/plain', 'text/csv'];

/** What a client may declare when it does not know (or say) the type: no claim to contradict. */
const GENERIC_TYPES = ['', 'application/octet-stream', 'binary/octet-stream', 'application/unknown'];

/** Other names browsers and systems give the same formats. */
const ALIASES: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'audio/mp3': 'audio/mpeg',
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'audio/vnd.wave': 'audio/wav',
  'audio/x-flac': 'audio/flac',
  'audio/m4a': 'audio/mp4',
  'audio/x-m4a': 'audio/mp4',
  'audio/aac': 'audio/mp4',
  'audio/opus': 'audio/ogg',
  'application/ogg': 'audio/ogg',
  'video/x-m4v': 'video/mp4',
  'video/x-matroska': 'video/webm',
  'application/x-zip-compressed': 'application/zip',
};

/** Extensions with the types they name; an extension not listed makes no claim. */
const EXTENSIONS: Record<string, readonly string[]> = {
  png: ['image/png'],
  jpg: ['image/jpeg'],
  jpeg: ['image/jpeg'],
  gif: ['image/gif'],
  webp: ['image/webp'],
  avif: ['image/avif'],
  heic: ['image/heic'],
  mp3: ['audio/mpeg'],
  wav: ['audio/wav'],
  flac: ['audio/flac'],
  ogg: ['audio/ogg', 'video/ogg'],
  oga: ['audio/ogg'],
  opus: ['audio/ogg'],
  m4a: ['audio/mp4'],
  mp4: ['video/mp4', 'audio/mp4'],
  m4v: ['video/mp4'],
  mov: ['video/quicktime'],
  webm: ['video/webm', 'audio/webm'],
  pdf: ['application/pdf'],
  zip: ['application/zip'],
  docx: [OFFICE_ZIP[0]],
  xlsx: [OFFICE_ZIP[1]],
  pptx: [OFFICE_ZIP[2]],
  odt: [OFFICE_ZIP[3]],
  ods: [OFFICE_ZIP[4]],
  odp: [OFFICE_ZIP[5]],
  txt: TEXT_TYPES,
  csv: TEXT_TYPES,
};

/** A streaming check that text stays UTF-8 without control bytes; markup at the start is refused too. */
export class TextCheck {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private started = false;

  /** False as soon as `chunk` (the next bytes of the file) shows the file is not plain text. */
  accepts(chunk: Buffer): boolean {
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      return false;
    }
    // Markup is refused: served back as HTML or SVG by the media host it could carry script.
    const markup = !this.started && /^\uFEFF?\s*</.test(text);
    this.started = true;
    // eslint-disable-next-line no-control-regex
    return !markup && !/[\u0000-\u0008\u000e-\u001f]/.test(text);
  }
}

export function kindOf(mimeType: string): FileKind {
  const family = mimeType.slice(0, mimeType.indexOf('/'));
  return family === 'image' || family === 'video' || family === 'audio' ? family : 'file';
}

const normalise = (declared: string): string => {
  const type = declared.split(';')[0].trim().toLowerCase();
  return ALIASES[type] ?? type;
};

/** The types the name's extension claims, or undefined when it claims none we know. */
function claimedByName(fileName: string): readonly string[] | undefined {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? EXTENSIONS[fileName.slice(dot + 1).toLowerCase()] : undefined;
}

/**
 * The type of an upload, decided by its first bytes (`head`, up to SNIFF_BYTES); the client's declared type
 * only picks among the labels the recognised format allows, `prefer` (a voice note: `audio`) otherwise. A
 * declared type or a known extension naming another format is a lie the upload is refused for.
 */
export function sniffFileType(
  head: Buffer,
  declared: string,
  fileName: string,
  prefer?: FileKind,
): SniffResult {
  const declaredType = normalise(declared);
  const named = claimedByName(fileName);
  const signature = SIGNATURES.find((candidate) => candidate.matches(head));
  const labels = signature?.mimeTypes ?? (TEXT_TYPES.includes(declaredType) ? [declaredType] : []);
  if (labels.length === 0 || (!signature && !new TextCheck().accepts(head))) {
    return { refused: 'unrecognised' };
  }
  const declaredAgrees = GENERIC_TYPES.includes(declaredType) || labels.includes(declaredType);
  if (!declaredAgrees || (named && !named.some((type) => labels.includes(type)))) {
    return { refused: 'mismatch' };
  }
  const mimeType = labels.includes(declaredType)
    ? declaredType
    : (labels.find((label) => kindOf(label) === prefer) ?? labels[0]);
  return { type: { mimeType, kind: kindOf(mimeType) } };
}
