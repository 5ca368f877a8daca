/** One key of MESSAGE_ENCRYPTION_KEYS. */
export interface EncryptionKey {
  id: string;
  key: Buffer;
}

/**
 * One `<id>:<base64 of 32 bytes>` entry of MESSAGE_ENCRYPTION_KEYS. The variable's format, so it lives with
 * the environment schema that validates it at boot; the keyring (common/crypto) builds its keys with it.
 */
export function parseKey(entry: string): EncryptionKey {
  const [id, encoded] = entry.split(':');
  const key = Buffer.from(encoded ?? '', 'base64');
  if (!/^[\w-]{1,16}$/.test(id ?? '') || key.length !== 32) {
    throw new Error('each key must be <id>:<base64 of 32 bytes>, id of letters, digits, - or _');
  }
  return { id, key };
}
