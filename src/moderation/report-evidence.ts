import { Injectable } from '@nestjs/common';
import { FieldCipher } from '../common/crypto/field-cipher';
import type { MediaAsset } from '../common/media/media-asset';
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
      // An upload is kept by reference, its name sealed; a URL is sealed (left out when it did not decrypt).
      attachments: message.attachments
        .flatMap(
          (file, index): Array<{ file: AttachmentResponse } & ({ media: MediaAsset } | { url: string })> => {
            const media = message.media[index];
            return media ? [{ file, media }] : file.url === null ? [] : [{ file, url: file.url }];
          },
        )
        .map((entry, index): StoredEvidenceAttachment => {
          const seal = (value: string, field: string) =>
            this.cipher.seal(value, scope, message.id, `attachment:${index}${field}`);
          const { mimeType, size, name } = entry.file;
          return 'media' in entry
            ? { media: entry.media, mimeType, size, name: seal(name, ':name') }
            : { url: seal(entry.url, ''), mimeType, size, name };
        }),
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
        const open = (value: string, field: string) =>
          this.cipher.open(value, scope, snapshot.messageId, `attachment:${index}${field}`);
        if (media) {
          return {
            ...file,
            name: open(file.name, ':name') ?? 'file',
            ...(this.urls.sign(media) ?? { url: null }),
          };
        }
        return { ...file, url: url === undefined ? null : open(url, '') };
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
