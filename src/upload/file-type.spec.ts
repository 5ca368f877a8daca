import { MessageType } from '../messages/message.schema';
import { sniffFileType } from './file-type';

const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(
    parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))),
  );
const iso = (brand: string) => bytes([0, 0, 0, 0x20], 'ftyp', brand, [0, 0, 2, 0]);

describe('sniffFileType', () => {
  it.each([
    ['PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'rest'), 'image/png', MessageType.Image],
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg', MessageType.Image],
    ['GIF', bytes('GIF89a'), 'image/gif', MessageType.Image],
    ['WebP', bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '), 'image/webp', MessageType.Image],
    ['HEIC', iso('heic'), 'image/heic', MessageType.Image],
    ['MP3 with ID3', bytes('ID3', [3, 0]), 'audio/mpeg', MessageType.Audio],
    ['MP3 frame', bytes([0xff, 0xfb, 0x90, 0x64]), 'audio/mpeg', MessageType.Audio],
    ['WAV', bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt '), 'audio/wav', MessageType.Audio],
    ['Ogg', bytes('OggS', [0]), 'audio/ogg', MessageType.Audio],
    ['M4A', iso('M4A '), 'audio/mp4', MessageType.Audio],
    ['MP4', iso('isom'), 'video/mp4', MessageType.File],
    ['WebM', bytes([0x1a, 0x45, 0xdf, 0xa3]), 'video/webm', MessageType.File],
    ['PDF', bytes('%PDF-1.7\n'), 'application/pdf', MessageType.File],
    ['ZIP', bytes([0x50, 0x4b, 0x03, 0x04]), 'application/zip', MessageType.File],
  ])('recognises %s by its bytes whatever the client declared', (_name, content, mimeType, kind) => {
    expect(sniffFileType(content, 'application/octet-stream')).toEqual({ mimeType, kind });
  });

  it('lets the client pick a label only within the format the bytes prove', () => {
    const webm = bytes([0x1a, 0x45, 0xdf, 0xa3]);
    expect(sniffFileType(webm, 'audio/webm; codecs=opus')).toEqual({
      mimeType: 'audio/webm',
      kind: MessageType.Audio,
    });
    const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    expect(sniffFileType(bytes([0x50, 0x4b, 0x03, 0x04]), docx)?.mimeType).toBe(docx);
    expect(sniffFileType(bytes('%PDF-1.4'), 'image/png')?.mimeType).toBe('application/pdf');
  });

  it('refuses executables and unknown binaries, whatever they are called', () => {
    expect(sniffFileType(bytes('MZ', [0x90, 0, 3]), 'image/png')).toBeUndefined();
    expect(sniffFileType(bytes([0x7f], 'ELF', [2, 1]), 'application/octet-stream')).toBeUndefined();
    expect(sniffFileType(Buffer.alloc(0), 'image/png')).toBeUndefined();
  });

  it('accepts declared plain text only when it is UTF-8 without control bytes or markup', () => {
    expect(sniffFileType(Buffer.from('notes: café\n\tdone\r\n'), 'text/plain')).toEqual({
      mimeType: 'text/plain',
      kind: MessageType.File,
    });
    expect(sniffFileType(Buffer.from('a,b\n1,2\n'), 'text/csv')?.mimeType).toBe('text/csv');
    expect(sniffFileType(Buffer.from('plain words'), 'application/octet-stream')).toBeUndefined();
    expect(sniffFileType(Buffer.from([0x61, 0xc3, 0x28]), 'text/plain')).toBeUndefined();
    expect(sniffFileType(Buffer.from('a\u0000b'), 'text/plain')).toBeUndefined();
    expect(sniffFileType(Buffer.from('  <svg onload="alert(1)"/>'), 'text/plain')).toBeUndefined();
  });
});
