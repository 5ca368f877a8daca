import { Injectable } from '@nestjs/common';
import { AttachmentRef, AttachmentStore, AttachmentTarget } from '../messages/attachment-store';
import { MediaUploadRecord, UploadReferencesRepository } from './upload-references.repository';

/** The uploads side of a send (messages' ATTACHMENT_STORE port): which uploads a message may carry. */
@Injectable()
export class UploadAttachments implements AttachmentStore {
  constructor(private readonly references: UploadReferencesRepository) {}

  async find(
    ownerId: string,
    target: AttachmentTarget,
    uploadIds: readonly string[],
  ): Promise<AttachmentRef[] | null> {
    const records = await this.references.findOwnedMany(uploadIds, ownerId);
    const byId = new Map(records.map((record) => [record._id.toHexString(), record]));
    const refs = uploadIds.map((id) => {
      const record = byId.get(id);
      return record && isFreeFor(record, target) ? toAttachmentRef(record) : null;
    });
    return refs.every((ref): ref is AttachmentRef => ref !== null) ? refs : null;
  }

  async claim(ownerId: string, target: AttachmentTarget, uploadIds: readonly string[]): Promise<boolean> {
    const outcomes = await Promise.all(uploadIds.map((id) => this.references.claim(id, ownerId, target)));
    if (outcomes.every((outcome) => outcome !== null)) {
      return true;
    }
    const claimed = uploadIds.filter((_id, index) => outcomes[index] === 'claimed');
    await this.release(ownerId, target, claimed);
    return false;
  }

  async release(ownerId: string, target: AttachmentTarget, uploadIds: readonly string[]): Promise<void> {
    if (uploadIds.length > 0) {
      await this.references.release(uploadIds, ownerId, target);
    }
  }
}

function isFreeFor(record: MediaUploadRecord, target: AttachmentTarget): boolean {
  const attached = record.attachedTo;
  return (
    !attached ||
    (attached.conversationId.toHexString() === target.conversationId &&
      attached.messageId.toHexString() === target.messageId)
  );
}

/** Null for a record without the metadata a message shows (none written by the current pipeline). */
function toAttachmentRef(record: MediaUploadRecord): AttachmentRef | null {
  const { kind, mimeType, name, deliveryType } = record;
  if (!kind || !mimeType || !name || !deliveryType) {
    return null;
  }
  const optional = {
    width: record.width,
    height: record.height,
    durationMs: record.durationMs,
    blurhash: record.blurhash,
    waveform: record.waveform,
  };
  return {
    uploadId: record._id.toHexString(),
    publicId: record.publicId,
    resourceType: record.resourceType,
    deliveryType,
    format: record.format ?? null,
    kind,
    mimeType,
    size: record.bytes,
    name,
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
  };
}
