import { randomBytes } from 'node:crypto';
import { DecryptionError, Keyring } from './keyring';

const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;

describe('Keyring', () => {
  const k1 = key('k1');
  const k2 = key('k2');

  it('round-trips with a fresh IV each time and names the key used', () => {
    const ring = Keyring.parse(k1);
    const a = ring.encrypt('hello', 'conv:1|msg:1|content');
    const b = ring.encrypt('hello', 'conv:1|msg:1|content');
    expect(a).not.toEqual(b);
    expect(a.split('.')[1]).toBe('k1');
    expect(ring.decrypt(a, 'conv:1|msg:1|content')).toBe('hello');
  });

  it('encrypts with the newest key and still decrypts values of older keys', () => {
    const old = Keyring.parse(k1).encrypt('before rotation', 'aad');
    const rotated = Keyring.parse(`${k2},${k1}`);
    expect(rotated.decrypt(old, 'aad')).toBe('before rotation');
    expect(rotated.encrypt('after', 'aad').split('.')[1]).toBe('k2');
  });

  it('refuses a ciphertext moved to another message (AAD mismatch), tampered, or of an unknown key', () => {
    const ring = Keyring.parse(k1);
    const value = ring.encrypt('secret', 'conv:1|msg:1|content');
    expect(() => ring.decrypt(value, 'conv:1|msg:2|content')).toThrow(DecryptionError);
    const parts = value.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => ring.decrypt(parts.join('.'), 'conv:1|msg:1|content')).toThrow(DecryptionError);
    expect(() => Keyring.parse(key('k9')).decrypt(value, 'conv:1|msg:1|content')).toThrow(DecryptionError);
  });

  it('rejects malformed key specs', () => {
    expect(() => Keyring.parse('k1:short')).toThrow(/32 bytes/);
    expect(() => Keyring.parse('bad id!:' + randomBytes(32).toString('base64'))).toThrow();
  });
});
