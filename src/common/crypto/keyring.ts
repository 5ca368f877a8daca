import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { EncryptionKey, parseKey } from '../../config/encryption-keys';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const VERSION = 'v1';

export class DecryptionError extends Error {}

/**
 * AES-256-GCM with a keyring: the first key encrypts, every key decrypts, so keys rotate without downtime.
 * A value is `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts). The AAD binds a ciphertext to where it
 * belongs (conversation, message, field): copied anywhere else, it fails to decrypt.
 */
export class Keyring {
  private readonly byId: Map<string, Buffer>;

  constructor(private readonly keys: readonly EncryptionKey[]) {
    if (keys.length === 0) {
      throw new Error('A keyring needs at least one key');
    }
    this.byId = new Map(keys.map(({ id, key }) => [id, key]));
  }

  encrypt(plaintext: string, aad: string): string {
    const { id, key } = this.keys[0];
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, key, iv);
    cipher.setAAD(Buffer.from(aad));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, id, iv, ciphertext, cipher.getAuthTag()]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  decrypt(value: string, aad: string): string {
    const [version, id, iv, ciphertext, tag] = value.split('.');
    const key = this.byId.get(id);
    if (version !== VERSION || !key || iv === undefined || ciphertext === undefined || tag === undefined) {
      throw new DecryptionError('Unknown ciphertext format or key');
    }
    try {
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(aad));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new DecryptionError('Ciphertext failed authentication');
    }
  }

  /** Parses `id:base64key,id2:base64key` (newest first); each key must be 32 bytes. */
  static parse(spec: string): Keyring {
    return new Keyring(spec.split(',').map((entry) => parseKey(entry.trim())));
  }
}
