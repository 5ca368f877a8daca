import { Inject, Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { EncryptionKey, parseKey } from '../../config/encryption-keys';

/** Characters of the base64url HMAC kept: 16, i.e. 12 bytes (96 bits). */
const BLIND_CHARS = 16;

/** SEARCH_INDEX_KEYS (`id:base64key,...`, newest first) as keys; throws on a malformed or repeated entry. */
export function parseSearchKeys(value: string): EncryptionKey[] {
  const keys = value.split(',').map((entry) => parseKey(entry.trim()));
  const ids = keys.map((key) => key.id);
  if (new Set(ids).size !== ids.length) {
    throw new Error('each key id may appear only once');
  }
  return keys;
}

/**
 * Turns plaintext index tokens into blind tokens: `<keyId>.<16 chars of base64url(HMAC-SHA256(key,
 * conversationId + "\n" + token))>`. Scoped per conversation, so equal tokens are linkable only inside one
 * conversation. The first key writes; queries look up under every key, so search stays complete while a
 * re-index moves the postings to a new key.
 */
@Injectable()
export class SearchKeyring {
  readonly writeKeyId: string;
  readonly keyIds: readonly string[];
  private readonly keys: ReadonlyArray<EncryptionKey>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.keys = parseSearchKeys(config.search.indexKeys);
    this.keyIds = this.keys.map((key) => key.id);
    this.writeKeyId = this.keyIds[0];
  }

  /** The blind token under the write key. */
  blind(conversationId: string, token: string): string {
    return blindWith(this.keys[0], conversationId, token);
  }

  /** The blind tokens under every configured key (write key first). */
  blindAll(conversationId: string, token: string): string[] {
    return this.keys.map((key) => blindWith(key, conversationId, token));
  }
}

function blindWith(key: EncryptionKey, conversationId: string, token: string): string {
  const mac = createHmac('sha256', key.key).update(`${conversationId}\n${token}`).digest('base64url');
  return `${key.id}.${mac.slice(0, BLIND_CHARS)}`;
}
