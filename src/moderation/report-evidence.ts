import { Injectable } from '@nestjs/common';
import { FieldCipher } from '../common/crypto/field-cipher';
import { MessageResponse } from '../messages/message.response';
import { MessageType } from '../messages/message.schema';
import { StoredSnapshot } from './report.schema';

/** A snapshot as moderators read it. */
export interface SnapshotResponse {
  messageId: string;
  seq: number;
  senderId: string;
  type: MessageType;
  /** Null without content, or when the sealed value does not authenticate. */
  content: string | null;
  attachments: Array<{ url: string | null; mimeType: string; size: number; name: string }>;
  createdAt: string;
  editedAt: string | null;
}

/**
 * Seals what a report keeps (snapshots, the reporter's note) with the messages' keyring under the report's
 * own scope, `report:<reportId>`, so evidence is encrypted at rest like messages and bound to its report.
 */
@Injectable()
export class ReportEvidence {
  constructor(private readonly cipher: FieldCipher) {}

  seal(reportId: string, message: MessageResponse): StoredSnapshot {
    const scope = scopeOf(reportId);
    return {
      messageId: message.id,
      seq: message.seq,
      senderId: message.senderId,
      type: message.type,
      content:
        message.content === null ? null : this.cipher.seal(message.content, scope, message.id, 'content'),
      // An attachment whose URL did not decrypt is left out; each is sealed at its stored index.
      attachments: message.attachments
        .flatMap((file) => (file.url === null ? [] : [{ ...file, url: file.url }]))
        .map((file, index) => ({
          url: this.cipher.seal(file.url, scope, message.id, `attachment:${index}`),
          mimeType: file.mimeType,
          size: file.size,
          name: file.name,
        })),
      createdAt: new Date(message.createdAt),
      editedAt: message.editedAt === null ? null : new Date(message.editedAt),
    };
  }

  open(reportId: string, snapshot: StoredSnapshot): SnapshotResponse {
    const scope = scopeOf(reportId);
    return {
      messageId: snapshot.messageId,
      seq: snapshot.seq,
      senderId: snapshot.senderId,
      type: snapshot.type,
      content:
        snapshot.content === null
          ? null
          : this.cipher.open(snapshot.content, scope, snapshot.messageId, 'content'),
      attachments: snapshot.attachments.map((file, index) => ({
        ...file,
        url: this.cipher.open(file.url, scope, snapshot.messageId, `attachment:${index}`),
      })),
      createdAt: snapshot.createdAt.toISOString(),
      editedAt: snapshot.editedAt?.toISOString() ?? null,
    };
  }

  sealNote(reportId: string, note: string): string {
    return this.cipher.seal(note, scopeOf(reportId), reportId, 'note');
  }

  openNote(reportId: string, note: string): string | null {
    return this.cipher.open(note, scopeOf(reportId), reportId, 'note');
  }
}

function scopeOf(reportId: string): string {
  return `report:${reportId}`;
}
