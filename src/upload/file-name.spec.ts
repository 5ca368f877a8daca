import { sanitizeFileName } from './file-name';

describe('sanitizeFileName', () => {
  it('keeps ordinary names, accents and spaces', () => {
    expect(sanitizeFileName('Résumé 2024 (final).pdf')).toBe('Résumé 2024 (final).pdf');
  });

  it('keeps only the last path segment', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('C:\\Users\\me\\photo.png')).toBe('photo.png');
  });

  it('drops control and bidirectional-override characters that disguise an extension', () => {
    expect(sanitizeFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(sanitizeFileName('a\u0000b\r\n.txt')).toBe('ab .txt');
  });

  it('collapses whitespace and removes leading dots', () => {
    expect(sanitizeFileName('  my\t\tnotes .txt ')).toBe('my notes .txt');
    expect(sanitizeFileName('.htaccess')).toBe('htaccess');
  });

  it('falls back to "file" when nothing usable is left', () => {
    expect(sanitizeFileName('')).toBe('file');
    expect(sanitizeFileName('...')).toBe('file');
    expect(sanitizeFileName('dir/')).toBe('file');
  });

  it('shortens long names to 255 characters, keeping the extension', () => {
    const name = sanitizeFileName(`${'x'.repeat(400)}.jpeg`);
    expect(name).toHaveLength(255);
    expect(name.endsWith('x.jpeg')).toBe(true);
  });
});
