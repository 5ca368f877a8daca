import { emailFingerprint, fingerprintKey } from './email-fingerprint';

describe('emailFingerprint', () => {
  const key = fingerprintKey('a-development-secret-of-enough-length');

  it('gives one address, however written, one 24-hex fingerprint without the address in it', () => {
    const fingerprint = emailFingerprint(key, 'Someone@Example.test');
    expect(fingerprint).toMatch(/^[a-f\d]{24}$/);
    expect(emailFingerprint(key, ' someone@example.test ')).toBe(fingerprint);
    expect(fingerprint).not.toContain('someone');
  });

  it('differs between addresses and between keys', () => {
    expect(emailFingerprint(key, 'a@example.test')).not.toBe(emailFingerprint(key, 'b@example.test'));
    const otherKey = fingerprintKey('another-development-secret-of-length');
    expect(emailFingerprint(otherKey, 'a@example.test')).not.toBe(emailFingerprint(key, 'a@example.test'));
  });
});
