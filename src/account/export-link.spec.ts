import { exportLinkKey, exportLinkSignatureValid, signExportLink } from './export-link';

describe('export download links', () => {
  const key = exportLinkKey('a-secret-that-is-long-enough-for-tests');
  const id = '65f0c0ffee0000000000beef';

  it('accepts the signature it made', () => {
    expect(exportLinkSignatureValid(key, id, 1_900_000_000, signExportLink(key, id, 1_900_000_000))).toBe(
      true,
    );
  });

  it('refuses a signature moved to another export or expiry, or made with another key', () => {
    const signature = signExportLink(key, id, 1_900_000_000);
    expect(exportLinkSignatureValid(key, '65f0c0ffee0000000000beee', 1_900_000_000, signature)).toBe(false);
    expect(exportLinkSignatureValid(key, id, 1_900_000_001, signature)).toBe(false);
    const other = exportLinkKey('another-secret-that-is-long-enough');
    expect(exportLinkSignatureValid(other, id, 1_900_000_000, signature)).toBe(false);
  });

  it('refuses signatures of the wrong length without throwing', () => {
    expect(exportLinkSignatureValid(key, id, 1_900_000_000, '')).toBe(false);
    expect(exportLinkSignatureValid(key, id, 1_900_000_000, 'x'.repeat(200))).toBe(false);
  });
});
