import { Injectable } from '@nestjs/common';
import { FieldCipher } from '../common/crypto/field-cipher';
import { MediaUrls } from '../common/media/media-urls';
import { EvidenceMessage } from '../messages/message-evidence.service';
import { MessageType } from '../messages/message.schema';
import { AttachmentResponse } from '../realtime/server-events';
import { StoredEvidenceAttachment, StoredSnapshot } from './report.schema';

/** A snapshot as moderators read it. */
export interface SnapshotResponse {
  messageId: string;
  seq: number;
  senderId: string;
  type: MessageType;
  /** Null without content, or when the sealed value does not authenticate. */
  content: string | null;
  /** An upload's with freshly signed URLs (null once it is gone); one sent as a URL, that URL. */
  attachments: Array<
    Pick<
      AttachmentResponse,
      'url' | 'mimeType' | 'size' | 'name' | 'thumbnailUrl' | 'previewUrl' | 'urlExpiresAt'
    >
  >;
  createdAt: string;
  editedAt: string | null;
}

/**
 * Seals what a report keeps (snapshots, the reporter's note) with the messages' keyring under the report's
 * own scope, `report:<reportId>`, so evidence is encrypted at rest like messages and bound to its report.
 */
@Injectable()
export class ReportEvidence {
  constructor(
    private readonly cipher: FieldCipher,
    private readonly urls: MediaUrls,
  ) {}

  seal(reportId: string, message: EvidenceMessage): StoredSnapshot {
    const scope = scopeOf(reportId);
    return {
      messageId: message.id,
      seq: message.seq,
      senderId: message.senderId,
      type: message.type,
      content:
        message.content === null ? null : this.cipher.seal(message.content, scope, message.id, 'content'),
      // An upload is kept by reference; a URL that did not decrypt is left out; each is sealed at its index.
      attachments: message.attachments
        .flatMap((file, index): Array<Omit<StoredEvidenceAttachment, 'url'> & { url?: string }> => {
          const media = message.media[index];
          const { mimeType, size, name } = file;
          if (media) {
            return [{ media, mimeType, size, name }];
          }
          return file.url === null ? [] : [{ url: file.url, mimeType, size, name }];
        })
        .map((file, index) =>
          file.url === undefined
            ? file
            : { ...file, url: this.cipher.seal(file.url, scope, message.id, `attachment:${index}`) },
        ),
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
      attachments: snapshot.attachments.map(({ url, media, ...file }, index) => {
        if (media) {
          return { ...file, ...(this.urls.sign(media) ?? { url: null }) };
        }
        return {
          ...file,
          url:
            url === undefined
              ? null
              : this.cipher.open(url, scope, snapshot.messageId, `attachment:${index}`),
        };
      }),
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
