import { Inject, Injectable, Logger } from '@nestjs/common';
import { DecryptionError, Keyring } from './keyring';
import { APP_CONFIG, AppConfig } from '../../config/app-config';

/** Encrypts message fields at rest; the AAD names conversation, message and field, so values cannot move. */
@Injectable()
export class FieldCipher {
  private readonly logger = new Logger(FieldCipher.name);
  private readonly keyring: Keyring;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.keyring = Keyring.parse(config.messages.encryptionKeys);
  }

  seal(plaintext: string, conversationId: string, messageId: string, field: string): string {
    return this.keyring.encrypt(plaintext, aad(conversationId, messageId, field));
  }

  /**
   * Null when the value does not authenticate (tampered, moved, or its key retired): the message is shown
   * without that field instead of failing the whole page, and the event is logged without any plaintext.
   */
  open(value: string, conversationId: string, messageId: string, field: string): string | null {
    try {
      return this.keyring.decrypt(value, aad(conversationId, messageId, field));
    } catch (error) {
      if (!(error instanceof DecryptionError)) {
        throw error;
      }
      this.logger.warn(`Undecryptable ${field} of message ${messageId} in ${conversationId}`);
      return null;
    }
  }
}

function aad(conversationId: string, messageId: string, field: string): string {
  return `${conversationId}|${messageId}|${field}`;
}
