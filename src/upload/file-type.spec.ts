import { sniffFileType, TextCheck } from './file-type';

const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(
    parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))),
  );
const iso = (brand: string) => bytes([0, 0, 0, 0x20], 'ftyp', brand, [0, 0, 2, 0]);
const sniff = (head: Buffer, declared = 'application/octet-stream', name = 'upload') =>
  sniffFileType(head, declared, name);

describe('sniffFileType', () => {
  it.each([
    ['PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'rest'), 'image/png', 'image'],
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg', 'image'],
    ['GIF', bytes('GIF89a'), 'image/gif', 'image'],
    ['WebP', bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '), 'image/webp', 'image'],
    ['HEIC', iso('heic'), 'image/heic', 'image'],
    ['MP3 with ID3', bytes('ID3', [3, 0]), 'audio/mpeg', 'audio'],
    ['MP3 frame', bytes([0xff, 0xfb, 0x90, 0x64]), 'audio/mpeg', 'audio'],
    ['WAV', bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt '), 'audio/wav', 'audio'],
    ['Ogg', bytes('OggS', [0]), 'audio/ogg', 'audio'],
    ['M4A', iso('M4A '), 'audio/mp4', 'audio'],
    ['MP4', iso('isom'), 'video/mp4', 'video'],
    ['MP4 from a recent encoder', iso('iso5'), 'video/mp4', 'video'],
    ['QuickTime', iso('qt  '), 'video/quicktime', 'video'],
    ['WebM', bytes([0x1a, 0x45, 0xdf, 0xa3]), 'video/webm', 'video'],
    ['PDF', bytes('%PDF-1.7\n'), 'application/pdf', 'file'],
    ['ZIP', bytes([0x50, 0x4b, 0x03, 0x04]), 'application/zip', 'file'],
  ])('recognises %s by its bytes when the client declares nothing', (_name, content, mimeType, kind) => {
    expect(sniff(content)).toEqual({ type: { mimeType, kind } });
  });

  it('lets the client pick a label only within the format the bytes prove', () => {
    const webm = bytes([0x1a, 0x45, 0xdf, 0xa3]);
    expect(sniff(webm, 'audio/webm; codecs=opus')).toEqual({
      type: { mimeType: 'audio/webm', kind: 'audio' },
    });
    const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    expect(sniff(bytes([0x50, 0x4b, 0x03, 0x04]), docx, 'cv.docx')).toEqual({
      type: { mimeType: docx, kind: 'file' },
    });
  });

  it('takes the audio label of a container a voice note asks for', () => {
    expect(sniffFileType(bytes([0x1a, 0x45, 0xdf, 0xa3]), '', 'voice', 'audio')).toEqual({
      type: { mimeType: 'audio/webm', kind: 'audio' },
    });
  });

  it('accepts the other names browsers give the same format', () => {
    expect(sniff(bytes([0xff, 0xd8, 0xff, 0xe0]), 'image/jpg', 'a.JPG')).toMatchObject({
      type: { mimeType: 'image/jpeg' },
    });
    expect(sniff(bytes([0x50, 0x4b, 0x03, 0x04]), 'application/x-zip-compressed', 'a.zip')).toMatchObject({
      type: { mimeType: 'application/zip' },
    });
  });

  it('refuses bytes that contradict the declared type or a known extension', () => {
    expect(sniff(bytes('%PDF-1.4'), 'image/png')).toEqual({ refused: 'mismatch' });
    expect(sniff(bytes('%PDF-1.4'), 'application/octet-stream', 'invoice.png')).toEqual({
      refused: 'mismatch',
    });
    expect(sniff(bytes([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg', 'photo.jpeg')).toMatchObject({ type: {} });
    // An extension we know nothing of makes no claim.
    expect(sniff(bytes([0xff, 0xd8, 0xff, 0xe0]), '', 'photo.exe')).toMatchObject({ type: {} });
  });

  it('refuses executables and unknown binaries, whatever they are called', () => {
    expect(sniff(bytes('MZ', [0x90, 0, 3]), 'image/png')).toEqual({ refused: 'unrecognised' });
    expect(sniff(bytes([0x7f], 'ELF', [2, 1]))).toEqual({ refused: 'unrecognised' });
  });

  it('accepts declared plain text only when it is UTF-8 without control bytes or markup', () => {
    expect(sniff(Buffer.from('notes: café\n\tdone\r\n'), 'text/plain', 'notes.txt')).toEqual({
      type: { mimeType: 'text/plain', kind: 'file' },
    });
    expect(sniff(Buffer.from('a,b\n1,2\n'), 'text/csv')).toMatchObject({ type: { mimeType: 'text/csv' } });
    expect(sniff(Buffer.from('plain words'))).toEqual({ refused: 'unrecognised' });
    expect(sniff(Buffer.from([0x61, 0xc3, 0x28]), 'text/plain')).toEqual({ refused: 'unrecognised' });
    expect(sniff(Buffer.from('a\u0000b'), 'text/plain')).toEqual({ refused: 'unrecognised' });
    expect(sniff(Buffer.from('  <svg onload="alert(1)"/>'), 'text/plain')).toEqual({
      refused: 'unrecognised',
    });
  });
});

describe('TextCheck', () => {
  it('follows UTF-8 across chunks and refuses control bytes anywhere', () => {
    const check = new TextCheck();
    const euro = Buffer.from('€');
    expect(check.accepts(Buffer.concat([Buffer.from('price '), euro.subarray(0, 1)]))).toBe(true);
    expect(check.accepts(euro.subarray(1))).toBe(true);
    expect(check.accepts(Buffer.from('later \u0001'))).toBe(false);
  });
});
